"""Ties pages: a municipality's public page of the people tied to it, my ties, and the staff's survey, guide
and contact list. Every write is a POST; the rules are in services.py."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core import csvexport
from yukemuri.core.permissions import allowed, require
from yukemuri.core.views_helpers import attempt, submit_form
from yukemuri.help import selectors as help_selectors
from yukemuri.regions.codes import is_valid_code
from yukemuri.regions.selectors import municipality_by_code

from . import selectors, services
from .forms import GuideForm, PlaceForm, SurveyForm, TieForm
from .models import Kind

BAR_WIDTH = 240  # the chart's longest bar, in its viewBox of 300 (the count follows it)


def _municipality(code):
    """The municipality with this code, or 404 (a malformed code too: never a 500)."""
    if not is_valid_code(code):
        raise Http404(_("%(code)s is not a valid local government code.") % {"code": code})
    municipality = municipality_by_code(code)
    if municipality is None:
        raise Http404(_("No municipality has the code %(code)s.") % {"code": code})
    return municipality


def open_help_requests(municipality, limit: int = 5) -> list[dict]:
    """The open help requests (お手伝い募集) here, disaster support first, then the soonest slot."""
    return [{"title": item.title, "date": item.next_start, "url": reverse("help_detail", args=[item.pk]),
             "disaster": item.disaster}
            for item in help_selectors.open_requests(municipality=municipality, limit=limit)]


def _bars(rows):
    """Each row with its bar's width and place in the chart (the table beside it has the figures)."""
    top = max([row["count"] for row in rows] or [0])
    for n, row in enumerate(rows):
        row["y"] = n * 30
        row["width"] = max(2, row["count"] * BAR_WIDTH // top) if top and row["count"] else 0
    return rows


def municipality_ties(request, code):
    """関係人口: how many people are tied here and how, where they live, who agreed to be named, the 関係案内人,
    the open help requests and a call to register."""
    municipality = _municipality(code)
    by_kind = _bars(selectors.counts_by_kind(municipality))
    by_prefecture = _bars(selectors.public_counts_by_prefecture(municipality))
    return render(request, "ties/municipality.html", {
        "municipality": municipality,
        "total": selectors.total(municipality),
        "by_kind": by_kind,
        "kind_chart_height": len(by_kind) * 30,
        "by_prefecture": by_prefecture,
        "prefecture_chart_height": len(by_prefecture) * 30,
        "wishes": selectors.wish_counts(municipality),
        "names": selectors.public_names(municipality),
        "guide": selectors.guide_of(municipality),
        "help_requests": open_help_requests(municipality),
        "may_manage": allowed(request.user, "ties.manage_ties", municipality),
    })


@login_required
def manage(request, code):
    """The survey and the 関係案内人, for the municipality's staff; the contact list's download button."""
    municipality = _municipality(code)
    require(request.user, "ties.manage_ties", municipality, _("Only this municipality's staff can see this page."))
    return _manage_page(request, municipality, 200)


def _manage_page(request, municipality, status, **forms):
    """The manage page; after a refused POST, the form that was sent (keeping what was typed) replaces its own."""
    survey = selectors.survey_of(municipality)
    guide = selectors.guide_of(municipality)
    context = {
        "municipality": municipality,
        "survey_form": SurveyForm(initial={"intro": survey.intro if survey else "", "questions": "\n".join(
            q.text for q in selectors.survey_questions(municipality))}),
        "guide_form": GuideForm(initial={field: getattr(guide, field) for field in services.GUIDE_FIELDS}
                                if guide else None),
        "members": selectors.contact_members(municipality).count(),
        "may_export": allowed(request.user, "ties.export_members", municipality),
        **forms,
    }
    return render(request, "ties/manage.html", context, status=status)


@login_required
@require_POST
def survey_edit(request, code):
    municipality = _municipality(code)
    require(request.user, "ties.manage_ties", municipality, _("Only this municipality's staff can change its survey."))
    form = SurveyForm(request.POST)
    return submit_form(request, form, partial(services.survey_update, municipality=municipality, by=request.user),
                       success=_("The survey is saved."), to=reverse("ties_manage", args=[code]),
                       page=lambda: _manage_page(request, municipality, 400, survey_form=form))


@login_required
@require_POST
def guide_edit(request, code):
    municipality = _municipality(code)
    require(request.user, "ties.manage_ties", municipality, _("Only this municipality's staff can name its guide."))
    form = GuideForm(request.POST)
    return submit_form(request, form, partial(services.guide_set, municipality=municipality, by=request.user),
                       success=_("The guide is saved."), to=reverse("ties_manage", args=[code]),
                       page=lambda: _manage_page(request, municipality, 400, guide_form=form))


@login_required
@require_POST
def members_csv(request, code):
    """The people who agreed to be contacted, as CSV (formula-safe: core.csvexport). A POST: the download is
    recorded in the action stream, and a GET never writes."""
    municipality = _municipality(code)
    members = services.members_export(municipality=municipality, by=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ties-{municipality.code}.csv"'
    response.write("\ufeff")  # so that Excel opens the Japanese text as UTF-8
    out = csvexport.writer(response)
    out.writerow([_("Name"), _("E-mail"), _("Kinds"), _("Since"), _("Wishes"), _("In their own words"),
                  _("Agreed to be contacted at")])
    for tie in members:
        out.writerow([tie.person.display_name, tie.person.email,
                      " / ".join(str(Kind(kind).label) for kind in tie.kinds), tie.since,
                      " / ".join(q.display_text for q in tie.wishes.all()), tie.wish_text,
                      timezone.localtime(tie.contact_consented_at).strftime("%Y-%m-%d %H:%M")])
    return response


# My ties -------------------------------------------------------------------------------------------------------

@login_required
def my_ties(request):
    return render(request, "ties/mine.html", {
        "ties": list(selectors.ties_of(request.user)),
        "place_form": PlaceForm(),
    })


@login_required
def tie_new(request):
    """Register a tie: first the place (GET ?municipality=code), then that place's questions."""
    place_form = PlaceForm(request.GET or None)
    if not place_form.is_bound or not place_form.is_valid():
        status = 400 if place_form.is_bound else 200
        return render(request, "ties/choose_place.html", {"place_form": place_form}, status=status)
    municipality = place_form.cleaned_data["municipality"]
    existing = selectors.ties_of(request.user).filter(municipality=municipality).first()
    if existing is not None:
        return redirect("my_tie_edit", existing.pk)
    questions = selectors.survey_questions(municipality)
    form = TieForm(request.POST or None, questions=questions,
                   initial={"prefecture": selectors.residence_of(request.user)})
    return submit_form(
        request, form, partial(services.tie_create, person=request.user, municipality=municipality),
        success=_("Thank you! Your tie to %(place)s is registered.") % {"place": municipality.display_name},
        to="my_ties",
        page=lambda: render(request, "ties/edit.html", {"form": form, "municipality": municipality, "tie": None,
                                                        "survey": selectors.survey_of(municipality)}))


@login_required
def tie_edit(request, pk):
    tie = selectors.tie_of(request.user, pk)
    if tie is None:
        raise Http404(_("You have no such tie."))
    questions = selectors.survey_questions(tie.municipality)
    form = TieForm(request.POST or None, questions=questions, initial={
        "kinds": tie.kinds, "since": tie.since, "wishes": [q.key for q in tie.wishes.all()],
        "wish_text": tie.wish_text, "prefecture": selectors.residence_of(request.user),
        "contact_consent": tie.contact_consented_at is not None,
        "public_consent": tie.public_consented_at is not None,
    })
    return submit_form(
        request, form, partial(services.tie_update, tie=tie, by=request.user),
        success=_("Your tie is saved."), to="my_ties",
        page=lambda: render(request, "ties/edit.html", {"form": form, "municipality": tie.municipality, "tie": tie,
                                                        "survey": selectors.survey_of(tie.municipality)}))


@login_required
@require_POST
def tie_delete(request, pk):
    tie = selectors.tie_of(request.user, pk)
    if tie is None:
        raise Http404(_("You have no such tie."))
    attempt(request, lambda: services.tie_delete(tie=tie, by=request.user), _("The tie is deleted."))
    return redirect("my_ties")
