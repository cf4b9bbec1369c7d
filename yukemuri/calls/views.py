"""Pages of calls for proposals (公募): the list, a call (documents, Q&A, summary), staff's new and edit pages, the
proposal form, staff's list of proposals (with its CSV), a proposal, the summary form, the files. Thin: forms,
services, selectors, rules. A proposal's page and files answer 404 to anyone who may not read it (not 403: that
would say it exists)."""

from functools import partial
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core import csvexport
from yukemuri.core.permissions import allowed, require
from yukemuri.core.text import id_from
from yukemuri.core.views_helpers import attempt, submit_form

from . import selectors, services
from .forms import AnswerForm, CallFilterForm, CallForm, DocumentForm, ProposalForm, QuestionForm, SummaryForm


def _call_or_404(pk):
    call = selectors.call(pk)
    if call is None:
        raise Http404(_("No such call for proposals."))
    return call


def _proposal_or_404(request, call, pk):
    proposal = selectors.proposal(call, pk)
    if proposal is None or not allowed(request.user, "calls.view_proposal", proposal):
        raise Http404(_("No such proposal."))
    return proposal


def call_list(request):
    """Calls, filtered by state (open, closed) and kind; the search reads only the calls' public text."""
    form = CallFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = list(selectors.calls(**data)[:200]) if not form.is_bound or form.is_valid() else []
    return render(request, "calls/list.html", {
        "form": form, "calls": rows, "can_publish": allowed(request.user, "calls.manage_call")})


def call_detail(request, pk):
    call = _call_or_404(pk)
    user = request.user
    return render(request, "calls/detail.html", {
        "call": call, "documents": selectors.documents(call), "questions": selectors.answered_questions(call),
        "proposal_count": selectors.public_proposal_count(call),
        "own": selectors.own_proposal(user, call),
        "can_manage": allowed(user, "calls.manage_call", call),
        "can_ask": allowed(user, "calls.ask_question", call),
        "can_propose": allowed(user, "calls.submit_proposal", call),
        "question_form": QuestionForm() if allowed(user, "calls.ask_question", call) else None,
    })


@login_required
def call_new(request):
    require(request.user, "calls.manage_call", None, services.STAFF_ONLY)
    form = CallForm(request.POST if request.method == "POST" else None)
    return submit_form(request, form, partial(services.call_publish, by=request.user),
                       success=_("The call is published."),
                       page=lambda: render(request, "calls/form.html", {"form": form, "call": None}))


@login_required
def call_edit(request, pk):
    call = _call_or_404(pk)
    require(request.user, "calls.manage_call", call, services.STAFF_ONLY)
    posted = request.POST.get("form") if request.method == "POST" else None
    form = CallForm(request.POST if posted == "call" else None, initial=CallForm.initial_of(call))
    document_form = DocumentForm(request.POST if posted == "document" else None,
                                 request.FILES if posted == "document" else None)

    def page():
        return render(request, "calls/form.html", {"form": form, "document_form": document_form, "call": call,
                                                   "documents": selectors.documents(call)})

    if posted == "document":
        return submit_form(request, document_form, partial(services.document_add, by=request.user, call=call),
                           success=_("The document is published with the call."),
                           to=reverse("call_edit", args=[call.pk]), page=page)
    return submit_form(request, form, partial(services.call_update, by=request.user, call=call),
                       success=_("The call is saved."), page=page)


def _file_response(stored, name):
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("There is no such file.")) from None
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_download(request, pk, document_pk):
    document = selectors.document(_call_or_404(pk), document_pk)
    if document is None:
        raise Http404(_("There is no such file."))
    return _file_response(document.file, document.original_name)


@login_required
@require_POST
def question_ask(request, pk):
    call = _call_or_404(pk)
    form = QuestionForm(request.POST)
    if form.is_valid() and attempt(request, lambda: services.question_ask(call=call, by=request.user,
                                                                          text=form.cleaned_data["text"]),
                                   _("Thank you. Your question is published with its answer.")):
        return redirect(call)
    if not form.is_valid():
        messages.error(request, _("Write your question."))
    return redirect(call)


@login_required
def questions(request, pk):
    """Staff's Q&A page: the questions waiting for an answer, each with its form; the answered ones below."""
    call = _call_or_404(pk)
    require(request.user, "calls.manage_call", call, services.STAFF_ONLY)
    waiting = selectors.unanswered_questions(call)
    if request.method == "POST":
        answering = id_from(request.POST.get("question"))
        question = next((q for q in waiting + selectors.answered_questions(call) if q.pk == answering), None)
        if question is None:
            raise Http404(_("No such question."))
        form = AnswerForm(request.POST)
        response = submit_form(request, form, partial(services.question_answer, by=request.user, question=question),
                               success=_("The answer is published."), to=reverse("call_questions", args=[call.pk]),
                               page=lambda: render(request, "calls/questions.html", {
                                   "call": call, "waiting": [(q, form if q.pk == answering else AnswerForm())
                                                             for q in waiting],
                                   "answered": selectors.answered_questions(call)}))
        return response
    return render(request, "calls/questions.html", {
        "call": call, "waiting": [(q, AnswerForm()) for q in waiting], "answered": selectors.answered_questions(call)})


@login_required
def propose(request, pk):
    """Submit a proposal, or edit one's own until the deadline. After the deadline the form is gone, and a late
    POST is refused with the deadline on the form (the service reads the server's clock)."""
    call = _call_or_404(pk)
    own = selectors.own_proposal(request.user, call)
    form = ProposalForm(request.POST if request.method == "POST" else None,
                        request.FILES if request.method == "POST" else None,
                        call=call, person=request.user, proposal=own)
    if own is None:
        action = partial(services.proposal_submit, call=call, by=request.user)
    else:
        action = partial(services.proposal_update, proposal=own, by=request.user)
    return submit_form(request, form, action,
                       success=_("Your proposal is saved. Until the deadline only you, your organisation and "
                                 "staff can read it."),
                       page=lambda: render(request, "calls/propose.html", {
                           "call": call, "form": form, "own": own, "closed": not call.is_open,
                           "closed_message": services.closed_message(call)}))


@login_required
def proposal_list(request, pk):
    """Staff's list of a call's proposals (searchable); proposers see their own organisation's here too."""
    call = _call_or_404(pk)
    require(request.user, "calls.manage_call", call, services.STAFF_ONLY)
    q = request.GET.get("q", "")[:100]
    return render(request, "calls/proposals.html", {
        "call": call, "proposals": selectors.proposals_for(request.user, call, q=q), "q": q,
        "can_make_idea": allowed(request.user, "calls.make_idea", call)})


@login_required
def proposals_csv(request, pk):
    """The proposals as CSV, for staff only (every answer, confidential ones marked), formulas neutralised."""
    call = _call_or_404(pk)
    require(request.user, "calls.manage_call", call, services.STAFF_ONLY)
    rows = selectors.proposals_for(request.user, call)

    def lines():
        writer = csvexport.streaming_writer()
        yield "\ufeff" + writer.writerow(["proposal", "organisation", "submitted_at", "question", "answer",
                                          "confidential"])
        for proposal in rows:
            for question, text, confidential in proposal.rows():
                yield writer.writerow([proposal.pk, proposal.organisation.name, proposal.submitted_at.isoformat(),
                                       question, text, confidential])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="call-{call.pk}-proposals.csv"'
    return response


@login_required
def proposal_detail(request, pk, proposal_pk):
    call = _call_or_404(pk)
    proposal = _proposal_or_404(request, call, proposal_pk)
    return render(request, "calls/proposal.html", {
        "call": call, "proposal": proposal, "files": list(proposal.files.all()),
        "can_edit": allowed(request.user, "calls.change_proposal", proposal),
        "can_make_idea": allowed(request.user, "calls.make_idea", call)})


@login_required
def proposal_file(request, pk, proposal_pk, file_pk):
    proposal = _proposal_or_404(request, _call_or_404(pk), proposal_pk)
    attached = selectors.proposal_file(proposal, file_pk)
    if attached is None:
        raise Http404(_("There is no such file."))
    return _file_response(attached.file, attached.original_name)


@login_required
@require_POST
def proposal_to_idea(request, pk, proposal_pk):
    call = _call_or_404(pk)
    proposal = _proposal_or_404(request, call, proposal_pk)
    require(request.user, "calls.make_idea", call, _("Staff make ideas of proposals after the deadline."))
    idea = services.proposal_to_idea(proposal=proposal, by=request.user)
    messages.success(request, _("The proposal is an idea now, with its proposer on the team."))
    return redirect(idea)


@login_required
def summary(request, pk):
    call = _call_or_404(pk)
    require(request.user, "calls.manage_call", call, services.STAFF_ONLY)
    form = SummaryForm(request.POST if request.method == "POST" else None,
                       initial={"summary": call.summary, "decision": call.decision})
    return submit_form(request, form, partial(services.summary_publish, by=request.user, call=call),
                       success=_("The summary is published on the call's page."), to=call,
                       page=lambda: render(request, "calls/summary.html", {
                           "call": call, "form": form, "open": call.is_open,
                           "proposals": selectors.proposals_for(request.user, call)}))


def calls_csv(request):
    """Open data: the calls' public fields; how many proposals came in only once the deadline has passed."""
    rows = list(selectors.calls())

    def lines():
        writer = csvexport.streaming_writer()
        yield "\ufeff" + writer.writerow(["id", "kind", "title", "purpose", "service", "deadline", "published_at",
                                          "proposals", "summary", "decision"])
        for call in rows:
            count = selectors.public_proposal_count(call)
            yield writer.writerow([call.pk, call.kind, call.title, call.purpose, call.service,
                                   call.deadline.isoformat(), call.published_at.isoformat(),
                                   "" if count is None else count,
                                   call.summary if call.has_summary else "", call.decision if call.has_summary else ""])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="calls.csv"'
    return response
