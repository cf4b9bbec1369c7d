"""Services for broad listening: open a conversation, take part without an account, vote, add and
moderate statements, answer the organiser's questions with consent, and analyse."""

import random
import re
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import allowed, require
from yukemuri.core.text import strip_bidi

from .models import DEMOGRAPHICS, Conversation, Opinion, Participant, Statement, Vote


class TooManyParticipants(Exception):
    """Too many new participants from one address in a short while (LISTENING_NEW_PARTICIPANTS)."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def changed(conversation_id: int, *, votes: int = 0) -> None:
    """What the analysis reads has changed: move the conversation's version on (inside the change's
    transaction) and ask for an analysis (report.py runs one at a time, in the background)."""
    from . import report

    Conversation.objects.filter(pk=conversation_id).update(version=F("version") + 1,
                                                           votes_cast=F("votes_cast") + votes)
    report.request_analysis(conversation_id)


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", strip_bidi(text or "")).split())


@transaction.atomic
def conversation_create(*, by, title: str, question: str, seeds=(), issue=None, idea=None, area=None, event=None,
                        demographics=(), min_votes: int = 7, collect_opinions: bool = False) -> Conversation:
    require(by, "listening.open_conversation", issue or idea,
            _("Only coordinators, staff and the author of the issue or idea open a conversation."))
    unknown = set(demographics) - set(DEMOGRAPHICS)
    if unknown:
        raise ValidationError({"demographics": _("Choose questions from the list.")})
    seeds = [s for s in (_clean(s) for s in seeds) if s]
    if len(seeds) < 2:
        raise ValidationError({"seeds": _("Give at least two statements to start with, one per line.")})
    conversation = Conversation.objects.create(title=title.strip(), question=question.strip(), issue=issue, idea=idea,
                                               area=area, event=event, demographics=list(demographics),
                                               min_votes=min_votes, collect_opinions=collect_opinions, created_by=by)
    for text in seeds:
        Statement.objects.create(conversation=conversation, text=text[:280], seed=True, status=Statement.Status.ACCEPTED)
    return conversation


@transaction.atomic
def conversation_of_texts(*, by, title: str, question: str, texts, area=None) -> Conversation:
    """A closed conversation made only of free comments written elsewhere (a survey's free-text answers):
    nothing to vote on, the comments imported as accepted, so that they are grouped into the topics of its
    report like any imported public comment. Organisers only; one call, one transaction."""
    require(by, "listening.organise", None, _("Only coordinators and staff open a conversation."))
    conversation = Conversation.objects.create(title=title.strip()[:120], question=question.strip()[:1000],
                                               area=area, collect_opinions=True, created_by=by,
                                               status=Conversation.Status.CLOSED)
    opinions_import(conversation=conversation, by=by, rows=[text for text in texts if text and text.strip()])
    return conversation


def participant_find(conversation, *, key: str | None, person=None) -> Participant | None:
    """The participant of this browser or account if there is one; reads only (for GET)."""
    if person is not None and person.is_authenticated:
        found = Participant.objects.filter(conversation=conversation, person=person).first()
        if found:
            return found
    if key:
        return Participant.objects.filter(conversation=conversation, key=key).first()
    return None


_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _rate(setting: str, default: str) -> tuple[int, int]:
    """"30/h", "5/10m" → (count, seconds)."""
    match = _RATE.match(str(settings.YUKEMURI.get(setting, default))) or _RATE.match(default)
    count, times, unit = match.groups()
    return int(count), int(times or 1) * _UNIT[unit]


def address_key(address: str) -> str:
    """A keyed hash of a client address: enough to count participants from one place, not to recover it."""
    return salted_hmac("yukemuri.listening.address", address).hexdigest()[:32] if address else ""


def participant_for(conversation, *, key: str | None, person=None, address: str = "") -> Participant:
    """The participant of this browser (its key) or of this account; made on first use (POST only).

    Without an account, at most LISTENING_NEW_PARTICIPANTS are made per address and period
    (TooManyParticipants beyond), and those made in a burst (LISTENING_BURST) are flagged for the organiser:
    clearing the cookie must not turn one person into many."""
    if person is not None and person.is_authenticated:
        found = Participant.objects.filter(conversation=conversation, person=person).first()
        if found:
            return found
    if key:
        found = Participant.objects.filter(conversation=conversation, key=key).first()
        if found:
            if person is not None and person.is_authenticated and found.person_id is None:
                found.person = person  # linked to the account from now on
                try:
                    found.save(update_fields=["person"])
                except IntegrityError:
                    pass
            return found
    if person is not None and person.is_authenticated:
        return Participant.objects.create(conversation=conversation, person=person, address=address_key(address))
    return _anonymous_participant(conversation, address_key(address))


@transaction.atomic
def _anonymous_participant(conversation, address: str) -> Participant:
    if not address:
        return Participant.objects.create(conversation=conversation)
    # One new participant at a time per conversation, so that two requests cannot both pass the cap.
    Conversation.objects.select_for_update().filter(pk=conversation.pk).values_list("pk").first()
    now = timezone.now()
    cap, period = _rate("LISTENING_NEW_PARTICIPANTS", "30/h")
    burst, window = _rate("LISTENING_BURST", "5/10m")
    same_place = Participant.objects.filter(conversation=conversation, address=address, person__isnull=True)
    recent = list(same_place.filter(created_at__gte=now - timedelta(seconds=period)).values_list("created_at", flat=True))
    if len(recent) >= cap:
        raise TooManyParticipants(max(1, int((min(recent) + timedelta(seconds=period) - now).total_seconds())))
    participant = Participant.objects.create(conversation=conversation, address=address)
    in_burst = same_place.filter(created_at__gte=now - timedelta(seconds=window))
    if in_burst.count() > burst:
        if in_burst.filter(flagged=False).update(flagged=True):
            changed(conversation.pk)  # the report counts the votes of flagged participants
        participant.flagged = True
    return participant


def next_statement(participant, *, conversation=None):
    """A statement the participant has not voted on, in an order of their own (so early ones do not
    collect every vote), or None when they have seen them all. Someone who has not taken part yet (no
    participant: nothing is made before their first vote) gets one at random."""
    accepted = Statement.objects.filter(conversation_id=participant.conversation_id if participant else conversation.pk,
                                        status=Statement.Status.ACCEPTED)
    if participant is None:
        remaining = list(accepted.values_list("pk", flat=True))
        return Statement.objects.get(pk=random.choice(remaining)) if remaining else None
    voted = Vote.objects.filter(participant=participant).values("statement_id")
    remaining = list(accepted.exclude(pk__in=voted).values_list("pk", flat=True))
    if not remaining:
        return None
    remaining.sort(key=lambda pk: (hash((participant.pk, pk)) & 0xFFFF, pk))
    return Statement.objects.get(pk=remaining[0])


def progress(participant, *, conversation=None) -> tuple[int, int]:
    total = Statement.objects.filter(conversation_id=participant.conversation_id if participant else conversation.pk,
                                     status=Statement.Status.ACCEPTED).count()
    if participant is None:
        return 0, total
    return Vote.objects.filter(participant=participant, statement__status=Statement.Status.ACCEPTED).count(), total


@transaction.atomic
def vote(*, participant, statement, value: int) -> Vote:
    """Agree (1), disagree (−1) or pass (0); voting again changes the vote."""
    if value not in (Vote.AGREE, Vote.PASS, Vote.DISAGREE):
        raise ValidationError({"value": _("Choose agree, disagree or pass.")})
    if statement.conversation_id != participant.conversation_id or statement.status != Statement.Status.ACCEPTED:
        raise ValidationError({"statement": _("This statement is not part of the conversation.")})
    if not statement.conversation.is_open:
        raise ValidationError({"statement": _("This conversation is closed.")})
    row, _created = Vote.objects.update_or_create(participant=participant, statement=statement,
                                                  defaults={"value": value, "at": timezone.now()})
    changed(participant.conversation_id, votes=1)
    return row


def statement_add(*, participant, text: str, by=None, guest_name: str = "", guest_email: str = "",
                  language: str = "ja") -> Statement:
    """A participant's own statement waits for a moderator; the organisers' are accepted at once. A guest's
    (name and address given, no account) first waits for its e-mail link to be followed (guests.py)."""
    text = _clean(text)
    if len(text) < 5:
        raise ValidationError({"text": _("Write a statement of at least 5 characters.")})
    if len(text) > 280:
        raise ValidationError({"text": _("Keep it to 280 characters.")})
    conversation = participant.conversation
    if not conversation.is_open:
        raise ValidationError({"text": _("This conversation is closed.")})
    if Statement.objects.filter(conversation=conversation, text=text).exists():
        raise ValidationError({"text": _("This statement is already in the conversation.")})
    organiser = allowed(by, "listening.moderate_conversation", conversation)
    guest_name, guest_email = (guest_name or "").strip()[:80], (guest_email or "").strip().lower()
    if (guest_name or guest_email) and not (guest_name and guest_email):
        raise ValidationError(_("Give your name (or a pseudonym) and e-mail address."))
    with transaction.atomic():
        statement = Statement.objects.create(
            conversation=conversation, text=text, participant=participant,
            status=Statement.Status.ACCEPTED if organiser else Statement.Status.PENDING,
            guest_name=guest_name, guest_email=guest_email, guest_language=language if guest_email else "")
        if guest_email:
            from .guests import request_confirmation

            request_confirmation(statement)
    return statement


def moderate(*, statement, by, accept: bool, reason: str = "") -> Statement:
    require(by, "listening.moderate_conversation", statement.conversation,
            _("Only the organisers and moderators review statements."))
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Say why, so that the author understands.")})
    old = statement.status
    statement.status = Statement.Status.ACCEPTED if accept else Statement.Status.REJECTED
    statement.reason = reason.strip()[:300]
    with transaction.atomic():
        statement.save(update_fields=["status", "reason"])
        action_record(actor=by, verb=verbs.STATEMENT_REVIEWED, target=statement,
                      data={"old": old, "new": statement.status, "reason": statement.reason})
        changed(statement.conversation_id)  # a statement rejected after votes leaves the report
    return statement


def answers_set(*, participant, answers: dict, consent: bool) -> Participant:
    """The organiser's optional questions: kept only with the participant's consent, and only those asked."""
    if not consent:
        raise ValidationError({"consent": _("Tick the box to agree, or skip these questions.")})
    asked = set(participant.conversation.demographics)
    kept = {}
    for key, value in answers.items():
        if key not in asked or not value:
            continue
        choices = DEMOGRAPHICS[key][1]
        if choices is not None and value not in {v for v, _label in choices}:
            raise ValidationError({key: _("Choose an answer from the list.")})
        kept[key] = str(value)[:60]
    participant.answers, participant.consented_at = kept, timezone.now()
    participant.save(update_fields=["answers", "consented_at"])
    return participant


def opinion_add(*, participant, text: str) -> "Opinion":
    text = unicodedata.normalize("NFKC", text or "").strip()
    if len(text) < 5:
        raise ValidationError({"text": _("Write at least 5 characters.")})
    if not participant.conversation.collect_opinions or not participant.conversation.is_open:
        raise ValidationError({"text": _("This conversation does not take free comments.")})
    return Opinion.objects.create(conversation=participant.conversation, participant=participant, text=text[:4000])


@transaction.atomic
def opinions_import(*, conversation, by, rows: list[str]) -> int:
    """Import public comments (already read from a file); all or nothing."""
    require(by, "listening.moderate_conversation", conversation,
            _("Only the organisers import comments."))
    texts = [strip_bidi(unicodedata.normalize("NFKC", row)).strip() for row in rows]  # bulk_create: no pre_save
    empty = [n for n, text in enumerate(texts, start=2) if not text]
    if empty:
        raise ValidationError({"file": _("Rows without text: %(rows)s. Nothing was imported.") % {
            "rows": ", ".join(map(str, empty[:10]))}})
    Opinion.objects.bulk_create(Opinion(conversation=conversation, text=text[:4000], imported=True, accepted=True)
                                for text in texts)
    action_record(actor=by, verb=verbs.OPINIONS_IMPORTED, target=conversation, data={"count": len(texts)})
    changed(conversation.pk)
    return len(texts)


def opinion_accept(*, opinion, by, accept: bool) -> None:
    require(by, "listening.moderate_conversation", opinion.conversation,
            _("Only the organisers and moderators review statements."))
    with transaction.atomic():
        # The comment itself goes when removed: the record keeps its number on the conversation.
        action_record(actor=by, verb=verbs.OPINION_REVIEWED, target=opinion.conversation,
                      data={"opinion": opinion.pk, "accepted": accept})
        if accept:
            opinion.accepted = True
            opinion.save(update_fields=["accepted"])
            changed(opinion.conversation_id)
        else:
            opinion.delete()


def close(*, conversation, by) -> Conversation:
    require(by, "listening.moderate_conversation", conversation,
            _("Only the organisers close a conversation."))
    with transaction.atomic():
        old = conversation.status
        conversation.status = Conversation.Status.CLOSED
        conversation.save(update_fields=["status"])
        action_record(actor=by, verb=verbs.CONVERSATION_CLOSED, target=conversation,
                      data={"old": old, "new": conversation.status})
    return conversation


def rate(name: str) -> str:
    return settings.YUKEMURI.get(name, "600/h")
