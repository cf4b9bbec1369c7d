from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.attachments.forms import then_attach
from yukemuri.attachments.selectors import gallery, with_first_photos
from yukemuri.core import pagecache, similar
from yukemuri.core.permissions import require
from yukemuri.core.ratelimits import limit
from yukemuri.core.services import supported_ids
from yukemuri.core.views_helpers import filtered_page, post_published, submit_form, support_response
from yukemuri.translations.selectors import reading, with_translations

from . import services
from .answers import ideas_answering, with_idea_counts
from .forms import CreatorBriefForm, IssueFilterForm, IssueForm, IssueStatusForm, OfficialAnswerForm
from .models import IssueSupport
from .postforms import post_initial
from .selectors import ANSWER_WINDOW_DAYS, answers_of, creator_brief_of, first_answer_report, issue_cards, issue_detail


@pagecache.shared_when_signed_in
def issue_index(request):
    form = IssueFilterForm(request.GET)
    page = filtered_page(form, issue_cards())
    return render(request, "issues/index.html", {
        "form": form,
        "page": page,
        "issues": with_first_photos(with_translations(with_idea_counts(page.object_list), request.LANGUAGE_CODE)),
        "filters": form.active_filters(),
    })


def _get_issue(request, pk):
    issue = issue_detail(pk, request.user)
    if issue is None:
        raise Http404(_("No such issue."))
    return issue


def issue_show(request, pk):
    issue = _get_issue(request, pk)
    return render(request, "issues/detail.html", _detail_context(request, issue))


def _detail_context(request, issue, answer_form=None) -> dict:
    can_answer = request.user.has_perm("issues.answer_issue", issue) and issue.is_published
    return {
        "issue": issue,
        "reading": reading(issue, request.LANGUAGE_CODE, original="original" in request.GET),
        "ideas": list(ideas_answering(issue)[:50]),
        "supported": bool(supported_ids(IssueSupport, request.user, [issue])),
        "can_edit": request.user.has_perm("issues.change_issue", issue),
        "can_change_status": request.user.has_perm("issues.change_issue_status", issue),
        "status_form": IssueStatusForm(initial={"status": issue.status}),
        "brief": creator_brief_of(issue),
        "can_set_brief": request.user.has_perm("issues.set_creator_brief", issue),
        "answers": list(answers_of(issue)[:50]),
        "can_answer": can_answer,
        "answer_form": answer_form or (OfficialAnswerForm() if can_answer else None),
        **gallery(issue, request.user),
    }


@login_required
@limit("post", form=True)
def issue_answer(request, pk):
    """公式回答: the answer form sits on the issue page; a GET shows that page, a refused POST shows it again
    with what was typed and the errors."""
    issue = _get_issue(request, pk)
    require(request.user, "issues.answer_issue", issue,
            message=_("Only the municipality or organisation this issue concerns can answer it."))
    form = OfficialAnswerForm(request.POST or None)
    if request.method != "POST":
        return redirect(issue.get_absolute_url() + "#official-answer")
    return submit_form(request, form, partial(services.answer_issue, issue=issue, by=request.user),
                       success=_("Your answer is published."), to=issue.get_absolute_url() + "#official-answer",
                       page=lambda: render(request, "issues/detail.html", _detail_context(request, issue, form)))


@pagecache.shared_when_signed_in
def answer_report(request):
    """回答までの日数 — how fast each municipality answers its issues for the first time (public)."""
    return render(request, "issues/answer_report.html", {"rows": first_answer_report(), "window": ANSWER_WINDOW_DAYS})


@login_required
@limit("post", form=True, exempt=similar.check_exempt)
def issue_new(request):
    form = IssueForm(request.POST or None, request.FILES or None, user=request.user)
    if similar.checking(request):  # the no-JS "check for similar posts" step: nothing is saved
        return render(request, "issues/form.html", {"form": form, "similar_kind": "issue", "checked": True,
                                                    "similar": similar.suggestions_for(form, kinds=("issue",))})
    return submit_form(request, form, then_attach(form, partial(services.issue_create, author=request.user),
                                                  by=request.user),
                       success=post_published(request, _("Your issue is published. Thank you!")),
                       page=lambda: render(request, "issues/form.html", {"form": form, "similar_kind": "issue"}))


@login_required
@limit("post", form=True)
def issue_edit(request, pk):
    issue = _get_issue(request, pk)
    require(request.user, "issues.change_issue", issue, message=_("You cannot edit this issue."))
    initial = post_initial(issue) | {
        "evidence": "\n".join(f"{e.url} {e.title}".strip() for e in issue.evidence.all()),
    }
    form = IssueForm(request.POST or None, request.FILES or None, initial=initial, user=request.user)
    return submit_form(request, form, then_attach(form, partial(services.issue_update, issue=issue,
                                                                editor=request.user), by=request.user),
                       success=post_published(request, _("Your changes are saved.")),
                       page=lambda: render(request, "issues/form.html", {"form": form, "issue": issue}))


@require_POST
@login_required
def issue_status(request, pk):
    issue = _get_issue(request, pk)
    form = IssueStatusForm(request.POST)
    if form.is_valid():
        services.issue_set_status(issue=issue, by=request.user, status=form.cleaned_data["status"])
        messages.success(request, _("The status is now “%(status)s”.") % {"status": issue.get_status_display()})
    return redirect("issue_detail", pk=issue.pk)


@require_POST
@login_required
@limit("support")
def issue_support(request, pk):
    issue = _get_issue(request, pk)
    supported = request.POST.get("supported", "1") == "1"
    services.issue_support(issue=issue, person=request.user, supported=supported)
    return support_response(request, issue, supported, "issue_support", "issue_detail")


@login_required
@limit("post", form=True)
def issue_creator_brief(request, pk):
    """Ask creators for help with the issue (or change or close the request)."""
    issue = _get_issue(request, pk)
    require(request.user, "issues.set_creator_brief", issue,
            message=_("Only the issue’s author, coordinators and staff can ask for creators."))
    brief = creator_brief_of(issue)
    initial = {"wanted": brief.wanted, "kinds": brief.kinds, "budget_yen": brief.budget_yen,
               "status": brief.status} if brief else None
    form = CreatorBriefForm(request.POST or None, initial=initial)
    return submit_form(request, form, partial(services.creator_brief_set, issue=issue, by=request.user),
                       success=_("Your request for creators is saved."),
                       to=issue.get_absolute_url() + "#creator-brief",
                       page=lambda: render(request, "issues/creator_brief_form.html",
                                           {"form": form, "issue": issue, "brief": brief}))
