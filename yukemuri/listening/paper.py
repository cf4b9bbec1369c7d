"""Broad listening on paper (紙の投票用紙): a conversation printed as numbered ballots, and the returned ballots
entered by staff as pseudonymous participants — one participant per ballot number.

Entering a number a second time replaces that ballot's marks (a correction of a typo, or the same sheet entered
twice by mistake): it never makes a second participant, and it says so. docs/decisions/0027-guests-and-paper-ballots.md
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require

from .models import Conversation, Participant, Statement, Vote
from .services import changed

# What staff type for one statement: a (agree), d (disagree), p (pass), nothing (left blank). Japanese
# keyboards in full-width mode give Ａ/ｄ…, which NFKC folds.
MARKS = {"a": Vote.AGREE, "d": Vote.DISAGREE, "p": Vote.PASS, "": None}
LETTER = {value: letter for letter, value in MARKS.items() if value is not None}


def read_mark(typed: str) -> int | None:
    """One typed mark → a vote value, or None for a blank; ValueError for anything else."""
    mark = unicodedata.normalize("NFKC", typed or "").strip().lower()
    if mark not in MARKS:
        raise ValueError(mark)
    return MARKS[mark]


def ballot_statements(conversation):
    """The statements a ballot shows (and is entered against): the accepted ones, in the printed order."""
    return list(Statement.objects.filter(conversation=conversation, status=Statement.Status.ACCEPTED)
                .order_by("created_at", "id"))


@transaction.atomic
def ballot_enter(*, conversation: Conversation, by, number: int, marks: dict) -> tuple[Participant, bool]:
    """Enter one returned ballot: `marks` maps statement ids to 1, 0, -1 or None (blank). Returns the ballot's
    participant and whether the number was entered before (its marks are then replaced, never added)."""
    require(by, "listening.enter_ballots", conversation, _("Only the conversation's organisers enter paper ballots."))
    if not isinstance(number, int) or not 0 < number < 10**9:
        raise ValidationError({"number": _("Give the number printed on the ballot.")})
    printed = {statement.pk for statement in ballot_statements(conversation)}
    given = {int(pk): value for pk, value in marks.items() if value is not None}
    if set(given) - printed:
        raise ValidationError(_("The ballot has a statement that is not in the conversation."))
    if any(value not in (Vote.AGREE, Vote.PASS, Vote.DISAGREE) for value in given.values()):
        raise ValidationError(_("Mark each statement with a, d or p, or leave it blank."))
    if not given:
        raise ValidationError(_("This ballot has no marks: there is nothing to enter."))
    # One ballot at a time per conversation, so that the same number typed on two screens makes one participant.
    Conversation.objects.select_for_update().filter(pk=conversation.pk).values_list("pk").first()
    participant = Participant.objects.filter(conversation=conversation, ballot=number).first()
    replaced = participant is not None
    old = {}
    if replaced:
        old = {str(pk): value for pk, value in participant.votes.values_list("statement_id", "value")}
        participant.votes.all().delete()
    else:
        participant = Participant.objects.create(conversation=conversation, ballot=number, consented_at=None)
    now = timezone.now()
    Vote.objects.bulk_create(Vote(participant=participant, statement_id=pk, value=value, at=now)
                             for pk, value in sorted(given.items()))
    action_record(actor=by, verb=verbs.BALLOT_ENTERED, target=conversation,
                  data={"ballot": number, "replaced": replaced, "old": old,
                        "new": {str(pk): value for pk, value in sorted(given.items())}})
    changed(conversation.pk, votes=len(given))
    return participant, replaced


def paper_count(conversation) -> int:
    """How many ballots were entered (the report counts those with a vote on a shown statement)."""
    return Participant.objects.filter(conversation=conversation, ballot__isnull=False).count()
