from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.attachments.forms import then_attach
from yukemuri.attachments.selectors import gallery, with_first_photos
from yukemuri.core import pagecache, similar
from yukemuri.core.filters import PageOutOfRange
from yukemuri.core.permissions import require
from yukemuri.core.ratelimits import limit
from yukemuri.core.services import supported_ids
from yukemuri.core.text import id_from
from yukemuri.core.views_helpers import filtered_page, post_published, safe_next, submit_form, support_response
from yukemuri.issues.postforms import post_initial
from yukemuri.issues.selectors import issues_for_ids
from yukemuri.regions.forms import place_initial
from yukemuri.translations.selectors import reading, with_translations

from . import services
from .evaluation import evaluable, evaluations_of, outcomes_of
from .forms import CommentForm, IdeaFilterForm, IdeaForm
from .models import Comment, IdeaSupport
from .selectors import (
    answered_issues,
    comment_threads,
    idea_cards,
    idea_detail,
    in_reading_order,
    involved_in,
    is_following,
)
from .way import way_of


@pagecache.shared_when_signed_in
def idea_index(request):
    form = IdeaFilterForm(request.GET)
    page = filtered_page(form, idea_cards())
    ideas = with_first_photos(with_translations(page.object_list, request.LANGUAGE_CODE))
    return render(request, "ideas/index.html", {
        "form": form,
        "page": page,
        "ideas": ideas,
        "filters": form.active_filters(),
    })


def _get_idea(request, pk):
    idea = idea_detail(pk, request.user)
    if idea is None:
        raise Http404(_("No such idea."))
    return idea


@pagecache.shared_when_signed_in
def idea_show(request, pk, comment_form=None):
    idea = _get_idea(request, pk)
    try:
        comments_page, threads = comment_threads(idea, request.user, request.GET.get("comments", 1))
    except PageOutOfRange:
        raise Http404(_("There is no such page.")) from None
    way = way_of(idea, request.user)
    if pagecache.sharing(request):
        # The author and the team see edit and steering forms; commenters their held comments.
        pagecache.involve(request, {idea.author_id, *(member.person_id for member in way["team"]),
                                    *involved_in(idea)})
    comments = in_reading_order(threads)
    with_translations([entry.comment for entry in comments], request.LANGUAGE_CODE)  # one query for the page's comments
    return render(request, "ideas/detail.html", {
        "idea": idea,
        "reading": reading(idea, request.LANGUAGE_CODE, original="original" in request.GET),
        "issues": list(answered_issues(idea)),
        "comments": comments,
        "comments_page": comments_page,
        "comment_form": comment_form or CommentForm(),
        "supported": bool(supported_ids(IdeaSupport, request.user, [idea])),
        "following": is_following(idea, request.user),
        "can_edit": request.user.has_perm("ideas.change_idea", idea),
        **gallery(idea, request.user),
        "evaluable": evaluable(idea), "outcomes": outcomes_of(idea), "evaluations": list(evaluations_of(idea)[:1]),
        **way,
    }, status=400 if comment_form is not None else 200)


def _offered_issues(request, idea=None):
    """The issues shown as boxes on the form: those the idea answers or was started from."""
    ids = [n for n in map(id_from, request.GET.getlist("issue") + request.POST.getlist("issues")) if n is not None]
    issues = list(issues_for_ids(ids))
    if idea is not None:
        issues += [i for i in answered_issues(idea) if i.pk not in ids]
    return issues


@login_required
@limit("post", form=True, exempt=similar.check_exempt)
def idea_new(request):
    offered = _offered_issues(request)
    initial = {"issues": [i.pk for i in offered]}
    if offered and offered[0].municipality_id:
        initial["place"] = place_initial(offered[0])
    form = IdeaForm(request.POST or None, request.FILES or None, initial=initial, user=request.user,
                    offered_issues=offered)
    if similar.checking(request):  # the no-JS "check for similar posts" step: nothing is saved
        return render(request, "ideas/form.html", {"form": form, "similar_kind": "idea", "checked": True,
                                                   "similar": similar.suggestions_for(form, kinds=("idea",))})
    return submit_form(request, form, then_attach(form, partial(services.idea_create, author=request.user),
                                                  by=request.user),
                       success=post_published(request, _("Your idea is planted. Thank you!")),
                       page=lambda: render(request, "ideas/form.html", {"form": form, "similar_kind": "idea"}))


@login_required
@limit("post", form=True)
def idea_edit(request, pk):
    idea = _get_idea(request, pk)
    require(request.user, "ideas.change_idea", idea, message=_("You cannot edit this idea."))
    offered = _offered_issues(request, idea)
    initial = post_initial(idea) | {"issues": [i.pk for i in answered_issues(idea)]}
    form = IdeaForm(request.POST or None, request.FILES or None, initial=initial, user=request.user,
                    offered_issues=offered)
    return submit_form(request, form, then_attach(form, partial(services.idea_update, idea=idea,
                                                                editor=request.user), by=request.user),
                       success=post_published(request, _("Your changes are saved.")),
                       page=lambda: render(request, "ideas/form.html", {"form": form, "idea": idea}))


@require_POST
@login_required
@limit("support")
def idea_support(request, pk):
    idea = _get_idea(request, pk)
    supported = request.POST.get("supported", "1") == "1"
    services.idea_support(idea=idea, person=request.user, supported=supported)
    return support_response(request, idea, supported, "idea_support", "idea_detail")


@require_POST
@login_required
@limit("support")
def idea_follow(request, pk):
    idea = _get_idea(request, pk)
    following = request.POST.get("following", "1") == "1"
    services.idea_follow(idea=idea, person=request.user, following=following)
    if following:
        messages.success(request, _("You follow this idea: you will hear when it moves."))
    else:
        messages.info(request, _("You no longer follow this idea."))
    return redirect(safe_next(request, reverse("idea_detail", kwargs={"pk": idea.pk})))


@require_POST
@login_required
@limit("comment", form=True)
def comment_new(request, pk):
    idea = _get_idea(request, pk)
    form = CommentForm(request.POST)

    def comment(body, parent=None):
        replied = None
        if parent:
            replied = Comment.objects.filter(pk=parent, idea=idea).first()
            if replied is None:
                raise ValidationError(_("You can only reply to a visible comment of this idea."))
        return services.comment_create(idea=idea, author=request.user, body=body, parent=replied)

    return submit_form(request, form, comment, success=post_published(request, ""),
                       to=lambda made: reverse("idea_detail", kwargs={"pk": idea.pk}) + f"#comment-{made.pk}",
                       page=lambda: idea_show(request, pk, comment_form=form))
