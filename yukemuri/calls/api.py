"""Calls for proposals in the read API: /api/v1/calls and /api/v1/calls/{id}. Public fields only: the call, its
documents, the answered questions, the summary once published, and how many proposals came in only once the
deadline has passed. No proposal is ever listed here (they are private to staff and their proposers)."""

from datetime import datetime

from django import forms
from django.utils.translation import gettext as _
from ninja import Router, Schema

from yukemuri.core.api import BadRequest, check_params, choice_query, id_path, one_or_404, responses

from . import selectors
from .models import Call

router = Router(tags=["calls for proposals"])

STATE = forms.ChoiceField(required=False, choices=[("", ""), ("open", "open"), ("closed", "closed")])
KIND = forms.ChoiceField(required=False, choices=[("", ""), *Call.Kind.choices])


class QuestionOut(Schema):
    question: str
    answer: str


class CallOut(Schema):
    id: int
    kind: str
    title: str
    purpose: str
    questions: list[str]
    eligibility: str
    service: str
    issue_id: int | None
    facility_id: int | None
    deadline: datetime
    published_at: datetime
    open: bool
    proposals_received: int | None
    summary: str | None
    decision: str | None
    url: str


class CallDetailOut(CallOut):
    qa: list[QuestionOut]
    documents: list[str]


def _out(call) -> dict:
    return {"id": call.pk, "kind": call.kind, "title": call.title, "purpose": call.purpose,
            "questions": call.question_list, "eligibility": call.eligibility, "service": call.service,
            "issue_id": call.issue_id, "facility_id": call.facility_id, "deadline": call.deadline,
            "published_at": call.published_at, "open": call.is_open,
            "proposals_received": selectors.public_proposal_count(call),
            "summary": call.summary if call.has_summary else None,
            "decision": call.decision if call.has_summary else None, "url": call.get_absolute_url()}


@router.get("/calls", response=responses(list[CallOut]), summary="Calls for proposals (サウンディング, 民間提案)")
def list_calls(request, state: str = choice_query(STATE, "open or closed; both if left out."),
               kind: str = choice_query(KIND, "sounding or proposal; both if left out.")):
    """The calls, newest first (open ones by deadline when `state=open`). Proposals are never listed; how many came
    in is given only once the deadline has passed (null before)."""
    check_params(request, {"state", "kind"})
    for name, field, value in (("state", STATE, state), ("kind", KIND, kind)):
        try:
            field.clean(value)
        except forms.ValidationError:
            raise BadRequest(_("Unknown %(name)s.") % {"name": name},
                             errors=[{"parameter": name, "detail": _("Unknown value."), "code": "invalid"}]) from None
    return [_out(call) for call in selectors.calls(state=state, kind=kind)[:200]]


@router.get("/calls/{int:call_id}", response=responses(CallDetailOut, with_404=True),
            summary="A call for proposals with its answered questions")
def get_call(request, call_id: int = id_path()):
    check_params(request, set())
    call = one_or_404(selectors.calls(), call_id, _("No call has the id %(id)s."))
    return {**_out(call), "qa": [{"question": q.text, "answer": q.answer} for q in selectors.answered_questions(call)],
            "documents": [d.title for d in selectors.documents(call)]}
