"""Pages of lower apps that list a higher app's posts (docs/decisions/0010-layers.md).

A municipality's, an organisation's and a person's page show issues and ideas; regions, organisations and people
sit below issues and ideas, so these views live here in the site layer. Their URLs, names and templates are the
apps' own as before; `yukemuri/urls.py` routes them.
"""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from yukemuri.core import pagecache
from yukemuri.core.selectors import concerning
from yukemuri.core.views_helpers import submit_form
from yukemuri.ideas.selectors import idea_cards, idea_counts_by, ideas_by, public_ideas_by, with_idea_counts
from yukemuri.issues.selectors import issue_cards, issue_counts_by, issues_by
from yukemuri.organisations import services as organisation_services
from yukemuri.organisations.selectors import organisation_detail
from yukemuri.people import services as people_services
from yukemuri.people.forms import ProfileForm
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.selectors import public_profile
from yukemuri.regions.codes import is_valid_code
from yukemuri.regions.selectors import municipality_by_code, prefectures_with_tree
from yukemuri.support.selectors import entries_for

from .contributions import contributions_of


def region_index(request):
    """Prefecture → areas → municipalities, with how many issues and ideas each area has."""
    counts = {
        "area": (issue_counts_by("area"), idea_counts_by("area")),
        "municipality": (issue_counts_by("municipality"), idea_counts_by("municipality")),
    }
    prefectures = list(prefectures_with_tree())
    for prefecture in prefectures:
        for area in prefecture.areas.all():
            area.issue_count, area.idea_count = (c.get(area.pk, 0) for c in counts["area"])
            for municipality in area.municipalities.all():
                municipality.issue_count, municipality.idea_count = (
                    c.get(municipality.pk, 0) for c in counts["municipality"]
                )
    return render(request, "regions/index.html", {"prefectures": prefectures})


def municipality_show(request, code):
    if not is_valid_code(code):
        raise Http404(_("%(code)s is not a valid local government code.") % {"code": code})
    municipality = municipality_by_code(code)
    if municipality is None:
        raise Http404(_("No municipality has the code %(code)s.") % {"code": code})
    # 広域: what also concerns the municipality is listed with what is its own.
    issues = with_idea_counts(concerning(issue_cards(), municipality=municipality).order_by("-created_at", "-id")[:20])
    ideas = list(concerning(idea_cards(), municipality=municipality).order_by("-created_at", "-id")[:20])
    return render(request, "regions/municipality.html", {
        "municipality": municipality,
        "issues": issues,
        "ideas": ideas,
    })


def organisation_show(request, pk):
    organisation = organisation_detail(pk)
    if organisation is None:
        raise Http404(_("No such organisation."))
    return render(request, "organisations/detail.html", {
        "organisation": organisation,
        "issues": list(issue_cards().filter(organisation=organisation).order_by("-created_at")[:20]),
        "ideas": list(idea_cards().filter(organisation=organisation).order_by("-created_at")[:20]),
        "is_member": request.user.is_authenticated and organisation_services.is_member(person=request.user,
                                                                                       organisation=organisation),
    })


@pagecache.cached_per_person
@login_required
def me(request):
    person = request.user
    initial = {
        "display_name": person.display_name, "preferred_language": person.preferred_language,
        "relation": person.relation, "bio": person.bio,
        "home_municipality": person.home_municipality.code if person.home_municipality else None,
        "gender": person.gender, "languages": person.languages,
        "skills": ", ".join(ps.skill.name for ps in person.person_skills.select_related("skill")),
        "themes": ", ".join(t.name for t in person.interest_themes.all()),
        "sdgs": [g.number for g in person.interest_sdgs.all()],
        "creator_kinds": [row.kind for row in person.creator_kinds.all()],
        "portfolio_url": person.portfolio_url, "email_digest": person.email_digest,
        "show_contributions": person.show_contributions,
    }
    form = ProfileForm(request.POST or None, initial=initial)

    def page():
        granted = people_services.consent_purposes(person)
        consents = [
            {"purpose": purpose.value, "label": purpose.label, "granted": purpose.value in granted}
            for purpose in ConsentPurpose if purpose != ConsentPurpose.TERMS
        ]
        return render(request, "people/me.html", {
            "form": form,
            "consents": consents,
            "consent_history": person.consents.all()[:50],
            "my_issues": issues_by(person)[:50],
            "my_ideas": ideas_by(person)[:50],
            "contributions": contributions_of(person),
            "entered_for_me": entries_for(person)[:50],  # by supporters and staff, with my consent
        })

    return submit_form(request, form, partial(people_services.profile_update, person=person),
                       success=_("Your profile is saved."), to="me", page=page)


def person_show(request, pk):
    person = public_profile(pk)
    if person is None:
        raise Http404(_("This profile is not public."))
    # Contributions only when the person chose to show them; they themselves see a preview either way.
    is_self = request.user.is_authenticated and request.user.pk == person.pk
    return render(request, "people/profile.html", {
        "person": person, "ideas": public_ideas_by(person)[:20], "is_self": is_self,
        "contributions": contributions_of(person) if person.show_contributions or is_self else None,
    })
