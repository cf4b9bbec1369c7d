"""Writes of calls for proposals (公募): publish and edit a call, its documents, answer questions, submit and edit
proposals, publish the summary, turn a proposal into an idea. Each runs in one transaction and records its action.

The deadline is checked on the server's clock, with the call's row locked, so a proposal cannot slip in after it.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require
from yukemuri.ideas.services import idea_create
from yukemuri.organisations.services import is_member
from yukemuri.teams.services import member_add

from .files import check_pdf, display_name
from .models import Call, Document, Proposal, ProposalFile, Question

STAFF_ONLY = _("Calls for proposals are run by municipal staff.")
CALL_FIELDS = ("kind", "title", "purpose", "questions", "eligibility", "deadline", "issue", "facility", "service")


def closed_message(call) -> str:
    return _("Submissions closed at %(deadline)s: the deadline of this call has passed.") % {
        "deadline": formats.date_format(timezone.localtime(call.deadline), "DATETIME_FORMAT")}


def _check_call(*, title, purpose, questions, deadline, was=None):
    if timezone.is_naive(deadline):
        raise ValueError("deadlines must be aware")
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the call a title.")
    if not purpose.strip():
        errors["purpose"] = _("Say what the call is for.")
    if not [line for line in questions.splitlines() if line.strip()]:
        errors["questions"] = _("Ask at least one question.")
    if deadline != was and deadline <= timezone.now():
        errors["deadline"] = _("The deadline must be in the future.")
    if errors:
        raise ValidationError(errors)


def _values(call) -> dict:
    return {name: getattr(call, f"{name}_id" if name in ("issue", "facility") else name) for name in CALL_FIELDS}


@transaction.atomic
def call_publish(*, by, kind: str, title: str, purpose: str, questions: str, deadline: datetime,
                 eligibility: str = "", issue=None, facility=None, service: str = "") -> Call:
    """Staff publish a call; it is open to proposals until its (future) deadline."""
    require(by, "calls.manage_call", None, STAFF_ONLY)
    _check_call(title=title, purpose=purpose, questions=questions, deadline=deadline)
    call = Call.objects.create(kind=kind, title=title.strip(), purpose=purpose.strip(), questions=questions.strip(),
                               eligibility=eligibility.strip(), deadline=deadline, issue=issue, facility=facility,
                               service=service.strip(), published_by=by)
    action_record(actor=by, verb=verbs.CALL_PUBLISHED, target=call,
                  data={"kind": kind, "deadline": deadline.isoformat()})
    return call


@transaction.atomic
def call_update(*, call, by, kind: str, title: str, purpose: str, questions: str, deadline: datetime,
                eligibility: str = "", issue=None, facility=None, service: str = "") -> Call:
    """Staff correct a call; a changed deadline must still be in the future."""
    require(by, "calls.manage_call", call, STAFF_ONLY)
    call = Call.objects.select_for_update().get(pk=call.pk)
    _check_call(title=title, purpose=purpose, questions=questions, deadline=deadline, was=call.deadline)
    before = _values(call)
    call.kind, call.title, call.purpose, call.questions = kind, title.strip(), purpose.strip(), questions.strip()
    call.eligibility, call.deadline, call.issue, call.facility = eligibility.strip(), deadline, issue, facility
    call.service = service.strip()
    call.save()
    action_record(actor=by, verb=verbs.CALL_CHANGED, target=call, data=diff(before, _values(call)))
    return call


@transaction.atomic
def document_add(*, call, by, title: str, file) -> Document:
    """A PDF published with the call (募集要項, a floor plan); stored under a random name."""
    require(by, "calls.manage_call", call, STAFF_ONLY)
    check_pdf(file)
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    document = Document(call=call, title=title.strip(), original_name=display_name(file), size=file.size)
    document.file.save("upload.pdf", file, save=False)
    document.save()
    action_record(actor=by, verb=verbs.CALL_DOCUMENT_ADDED, target=call,
                  data={"document": document.pk, "size": document.size})
    return document


@transaction.atomic
def question_ask(*, call, by, text: str) -> Question:
    """Anyone signed in asks while the call is open; the question is published once staff answer it."""
    require(by, "calls.ask_question", call, _("Questions are taken until the deadline."))
    if not text.strip():
        raise ValidationError({"text": _("Write your question.")})
    return Question.objects.create(call=call, asker=by, text=text.strip())


@transaction.atomic
def question_answer(*, question, by, answer: str) -> Question:
    """Staff answer a question: question and answer are then published to everyone."""
    require(by, "calls.manage_call", question.call, STAFF_ONLY)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    question = Question.objects.select_for_update().get(pk=question.pk)
    old = question.answer
    question.answer, question.answered_by, question.answered_at = answer.strip(), by, timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    action_record(actor=by, verb=verbs.CALL_QUESTION_ANSWERED, target=question.call,
                  data={"question": question.pk, "old": old, "new": question.answer})
    return question


def _answers(call, answers) -> list[dict]:
    """[(text, confidential)] → what the proposal stores, one per question; at least one answer written."""
    rows = [{"text": (text or "").strip(), "confidential": bool(confidential)} for text, confidential in answers]
    rows = (rows + [{"text": "", "confidential": False}] * len(call.question_list))[:len(call.question_list)]
    if not any(row["text"] for row in rows):
        raise ValidationError({"answer_0": _("Answer at least one question.")})
    return rows


def _open_call(call):
    """The call, locked: proposals to it wait for each other, and the deadline is read on the server's clock."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if timezone.now() >= call.deadline:
        raise ValidationError(closed_message(call))
    return call


def _attach(proposal, files):
    for upload, confidential in files:
        check_pdf(upload, "files")
        attached = ProposalFile(proposal=proposal, original_name=display_name(upload), size=upload.size,
                                confidential=bool(confidential))
        attached.file.save("upload.pdf", upload, save=False)
        attached.save()


@transaction.atomic
def proposal_submit(*, call, by, organisation, answers, files=()) -> Proposal:
    """A member of an organisation submits its proposal before the deadline (one per organisation and call)."""
    if not by.is_authenticated:
        raise PermissionDenied(_("Sign in to submit a proposal."))
    call = _open_call(call)
    if organisation is None or not is_member(person=by, organisation=organisation):
        raise ValidationError({"organisation": _("Submit for an organisation you belong to.")})
    try:
        with transaction.atomic():
            now = timezone.now()
            proposal = Proposal.objects.create(call=call, submitter=by, organisation=organisation,
                                               answers=_answers(call, answers), submitted_at=now, changed_at=now)
    except IntegrityError:
        raise ValidationError({"organisation": _("This organisation has already submitted a proposal: edit it.")}) \
            from None
    _attach(proposal, files)
    action_record(actor=by, verb=verbs.CALL_PROPOSAL_SUBMITTED, target=proposal, on_behalf_of=organisation.name,
                  data={"call": call.pk, "files": len(files)})
    return proposal


@transaction.atomic
def proposal_update(*, proposal, by, answers, files=(), remove_files=()) -> Proposal:
    """The submitter edits the proposal until the deadline: answers, new files, files taken off."""
    require(by, "calls.view_proposal", proposal, _("Only the submitter edits a proposal."))
    if proposal.submitter_id != by.pk:
        raise PermissionDenied(_("Only the submitter edits a proposal."))
    call = _open_call(proposal.call)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    old = proposal.answers
    proposal.answers, proposal.changed_at = _answers(call, answers), timezone.now()
    proposal.save(update_fields=["answers", "changed_at"])
    removed = list(proposal.files.filter(pk__in=[f.pk for f in remove_files]))
    for attached in removed:
        attached.file.delete(save=False)
        attached.delete()
    _attach(proposal, files)
    action_record(actor=by, verb=verbs.CALL_PROPOSAL_CHANGED, target=proposal, on_behalf_of=proposal.organisation.name,
                  data={"call": call.pk, "answers_changed": old != proposal.answers, "files_added": len(files),
                        "files_removed": len(removed)})
    return proposal


@transaction.atomic
def summary_publish(*, call, by, summary: str, decision: str) -> Call:
    """After the deadline staff publish what was proposed (without the confidential parts) and the decision."""
    require(by, "calls.publish_summary", call, _("The summary is published by staff after the deadline."))
    if not summary.strip():
        raise ValidationError({"summary": _("Summarise what was proposed.")})
    call = Call.objects.select_for_update().get(pk=call.pk)
    before = {"summary": call.summary, "decision": call.decision}
    call.summary, call.decision = summary.strip(), decision.strip()
    call.summary_published_at = call.summary_published_at or timezone.now()
    call.save(update_fields=["summary", "decision", "summary_published_at"])
    action_record(actor=by, verb=verbs.CALL_SUMMARY_PUBLISHED, target=call,
                  data=diff(before, {"summary": call.summary, "decision": call.decision}))
    return call


def _idea_text(proposal) -> str:
    parts = [_("Proposal of %(organisation)s to the call 「%(call)s」.") % {
        "organisation": proposal.organisation.name, "call": proposal.call.title}]
    for question, text, confidential in proposal.rows():
        if text and not confidential:  # the idea is public: the confidential parts stay in the proposal
            parts.append(f"**{question}**\n\n{text}")
    return "\n\n".join(parts)[:20000]


@transaction.atomic
def proposal_to_idea(*, proposal, by):
    """Staff make an idea of a proposal, with its submitter (the company) on the idea's team. Idempotent: a
    proposal that is already an idea gives that idea again and records nothing."""
    proposal = Proposal.objects.select_for_update().select_related("call", "organisation").get(pk=proposal.pk)
    require(by, "calls.make_idea", proposal.call, _("Staff make ideas of proposals after the deadline."))
    if proposal.idea_id is not None:
        return proposal.idea
    call = proposal.call
    place = None
    if call.facility_id and call.facility.municipality_id:
        place = {"municipality": call.facility.municipality}
    elif call.issue_id and call.issue.municipality_id:
        place = {"municipality": call.issue.municipality}
    title = f"{proposal.organisation.name}: {call.title}"
    idea = idea_create(author=by, title=title[:120], body=_idea_text(proposal), place=place,
                       issue_ids=[call.issue_id] if call.issue_id else [])
    if proposal.submitter_id is not None:  # gone when the person left; the idea still names the company
        member_add(idea=idea, person=proposal.submitter, by=by, via="call")
    proposal.idea = idea
    proposal.save(update_fields=["idea"])
    action_record(actor=by, verb=verbs.CALL_PROPOSAL_MADE_IDEA, target=proposal, on_behalf_of="",
                  data={"call": call.pk, "idea": idea.pk})
    return idea
