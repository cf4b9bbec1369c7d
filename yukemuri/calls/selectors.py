"""Reads of calls for proposals. What reaches the public goes through `public_*` here: calls, their documents, the
answered questions, the summary and — only once the deadline has passed — how many proposals came in. Proposals
themselves are read through `proposals_for`, which asks the same rule as the pages (calls.view_proposal)."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from yukemuri.core.permissions import allowed

from .models import Call, Document, Proposal, ProposalFile, Question


def calls(*, state: str = "", kind: str = "", q: str = ""):
    """Calls, open first by nearest deadline, then closed ones, newest first; searched in their public text only."""
    now = timezone.now()
    # How many proposals came in, in the same query (public_proposal_count shows it only after the deadline).
    received = Proposal.objects.filter(call=OuterRef("pk")).order_by().values("call").annotate(n=Count("pk")).values("n")
    rows = Call.objects.select_related("issue", "facility").annotate(
        proposal_total=Coalesce(Subquery(received, output_field=IntegerField()), 0))
    if state == "open":
        rows = rows.filter(deadline__gt=now).order_by("deadline", "id")
    elif state == "closed":
        rows = rows.filter(deadline__lte=now).order_by("-deadline", "-id")
    else:
        rows = rows.order_by("-published_at", "-id")
    if kind:
        rows = rows.filter(kind=kind)
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(purpose__icontains=q) | Q(questions__icontains=q)
                           | Q(service__icontains=q) | Q(summary__icontains=q) | Q(decision__icontains=q))
    return rows


def call(pk: int) -> Call | None:
    return Call.objects.select_related("issue", "facility", "facility__municipality").filter(pk=pk).first()


def documents(call) -> list[Document]:
    return list(call.documents.all())


def document(call, pk: int) -> Document | None:
    return call.documents.filter(pk=pk).first()


def answered_questions(call) -> list[Question]:
    return list(call.qa.filter(answered_at__isnull=False))


def unanswered_questions(call) -> list[Question]:
    return list(call.qa.filter(answered_at__isnull=True))


def public_proposal_count(call) -> int | None:
    """How many proposals came in: None until the deadline (a running count tells competitors too much)."""
    if call.is_open:
        return None
    total = getattr(call, "proposal_total", None)  # counted with the list (calls()); one query otherwise
    return call.proposals.count() if total is None else total


def proposals_for(viewer, call, *, q: str = "") -> list[Proposal]:
    """The proposals to `call` that `viewer` may read (staff: all; a proposer: their organisation's)."""
    if viewer is None or not viewer.is_authenticated:
        return []
    rows = call.proposals.select_related("organisation", "submitter", "call", "idea").annotate(
        file_count=Count("files"))
    if not allowed(viewer, "calls.manage_call", call):
        rows = rows.filter(Q(submitter=viewer) | Q(organisation__memberships__person=viewer)).distinct()
    rows = list(rows)
    if q:
        needle = q.casefold()
        rows = [p for p in rows if needle in p.organisation.name.casefold()
                or any(needle in (a.get("text") or "").casefold() for a in p.answers or [])]
    return [p for p in rows if allowed(viewer, "calls.view_proposal", p)]


def proposal(call, pk: int) -> Proposal | None:
    return call.proposals.select_related("organisation", "submitter", "call", "idea").filter(pk=pk).first()


def own_proposal(viewer, call) -> Proposal | None:
    """The proposal the viewer submitted to this call, if any."""
    if viewer is None or not viewer.is_authenticated:
        return None
    return call.proposals.select_related("organisation", "call").filter(submitter=viewer).first()


def proposal_file(proposal, pk: int) -> ProposalFile | None:
    return proposal.files.filter(pk=pk).first()


def soundings_held():
    """(published at, 1) for each market sounding published: the KPI サウンディング調査実施件数 counts them."""
    return Call.objects.filter(kind=Call.Kind.SOUNDING, published_at__lte=timezone.now()).values_list(
        "published_at", flat=True)
