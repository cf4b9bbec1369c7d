"""Entering for people without a device (支援): register the person, then enter with their recorded consent.

Each entry is the owning app's service called with the helped person as author, supporter or participant (the post,
vote or registration is theirs), then one AssistedEntry and one action (who, for whom, when, what, how consent was
given), all in one transaction. No consent, no entry: `_check_consent` refuses before anything is written.
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record
from yukemuri.core.models import Channel
from yukemuri.core.permissions import require
from yukemuri.events import services as events
from yukemuri.help.selectors import slot_for_event
from yukemuri.ideas import services as ideas
from yukemuri.issues import services as issues
from yukemuri.listening import services as listening
from yukemuri.people import services as people

from .models import ASSISTED_EMAIL_DOMAIN, AssistedEntry, AssistedPerson

# Letters and digits that cannot be mistaken for one another when read aloud or copied from paper.
_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY345679"

# Who may enter by which channel: supporters at their desk, staff on the phone and from returned paper forms.
CHANNEL_PERMS = {
    Channel.SUPPORTER: "support.enter_on_behalf",
    Channel.PHONE: "support.take_calls",
    Channel.PAPER: "support.enter_paper_forms",
}


@dataclass(frozen=True)
class ConsentGiven:
    """How the person agreed to this entry: a signed paper form (its number) or spoken (the supporter's note)."""

    method: str
    form_number: str = ""
    note: str = ""


def _code(groups: int) -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(groups))


def _perm_of(channel: str) -> str:
    """The perm that entering by this channel needs (asked with `require`, one permission path)."""
    if channel not in CHANNEL_PERMS:
        raise ValidationError({"channel": _("Unknown channel.")})
    return CHANNEL_PERMS[channel]


def _refused() -> str:
    return _("Only supporters and staff enter for others; only staff take calls and enter paper forms.")


def _check_consent(consent: ConsentGiven | None, channel: str) -> ConsentGiven:
    """The rule of the app: nothing is entered for a person without their consent, recorded as the paper form's
    number or the supporter's note of what was said. A paper form entered by staff is its own consent."""
    if consent is None or consent.method not in AssistedEntry.ConsentMethod.values:
        raise ValidationError({"consent_method": _("Record how the person agreed: a paper form or in words.")})
    consent = ConsentGiven(consent.method, consent.form_number.strip(), consent.note.strip())
    if consent.method == AssistedEntry.ConsentMethod.PAPER and not consent.form_number:
        raise ValidationError({"consent_form_number": _("Give the number of the signed paper form.")})
    if consent.method == AssistedEntry.ConsentMethod.SPOKEN and not consent.note:
        raise ValidationError({"consent_note": _("Note what the person said when they agreed.")})
    if channel == Channel.PAPER and consent.method != AssistedEntry.ConsentMethod.PAPER:
        raise ValidationError({"consent_method": _("A paper form is entered with its form number.")})
    if channel == Channel.PHONE and consent.method != AssistedEntry.ConsentMethod.SPOKEN:
        raise ValidationError({"consent_method": _("A call is consent in words: note what the caller said.")})
    return consent


def _check(by, for_whom: AssistedPerson, consent, channel: str) -> ConsentGiven:
    require(by, _perm_of(channel), None, _refused())
    if not isinstance(for_whom, AssistedPerson):
        raise PermissionDenied(_("Find or register the person first."))
    return _check_consent(consent, channel)


def _log(*, by, for_whom: AssistedPerson, channel, kind, target, consent: ConsentGiven, detail="") -> AssistedEntry:
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""
    try:
        with transaction.atomic():  # a savepoint: a paper form entered twice is a form error, not a 500
            entry = AssistedEntry.objects.create(
                person=for_whom.person, entered_by=by, channel=channel, kind=kind,
                target_type=ContentType.objects.get_for_model(target), target_id=target.pk,
                target_repr=str(target)[:200], target_url=url[:200], detail=str(detail)[:200],
                consent_method=consent.method, consent_form_number=consent.form_number[:40],
                consent_note=consent.note[:300])
    except IntegrityError:
        raise ValidationError({"consent_form_number": _("The paper form with this number is entered already.")}) \
            from None
    record(actor=by, verb=verbs.SUPPORT_ENTERED, target=entry, on_behalf_of=for_whom.reference,
           data={"kind": kind, "channel": channel, "consent": consent.method, "form": consent.form_number,
                 "target": entry.target_repr})
    return entry


@transaction.atomic
def person_register(*, by, full_name: str, municipality, name_kana: str = "", contact_note: str = "",
                    channel: str = Channel.SUPPORTER) -> tuple[AssistedPerson, str]:
    """Register a person who has no e-mail or device: an account without a login, found again by its reference
    number (or name and municipality). Returns the person and the claim code to hand them (shown once)."""
    require(by, _perm_of(channel), None, _refused())
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": _("Give the person's name.")})
    if municipality is None:
        raise ValidationError({"municipality": _("Choose the municipality where the person lives.")})
    reference = f"YK-{_code(2)}"
    while AssistedPerson.objects.filter(reference=reference).exists():
        reference = f"YK-{_code(2)}"
    account = people.person_register_without_login(
        login_address=f"{reference.lower()}@{ASSISTED_EMAIL_DOMAIN}", display_name=full_name[:50],
        home_municipality=municipality)
    claim_code = _code(3)
    assisted = AssistedPerson.objects.create(
        person=account, reference=reference, full_name=full_name, name_kana=" ".join(name_kana.split()),
        municipality=municipality, contact_note=contact_note.strip(), claim_code=make_password(claim_code),
        registered_by=by)
    record(actor=by, verb=verbs.SUPPORT_PERSON_REGISTERED, target=assisted, on_behalf_of=reference,
           data={"channel": channel})
    return assisted, claim_code


@transaction.atomic
def enter_issue(*, by, for_whom: AssistedPerson, consent: ConsentGiven, title: str, body: str, municipality=None,
                channel: str = Channel.SUPPORTER) -> AssistedEntry:
    """Post an issue as the person's own (issues' service: their moderation, their name), marked by channel."""
    consent = _check(by, for_whom, consent, channel)
    issue = issues.issue_create(author=for_whom.person, title=title, body=body, channel=channel,
                                place={"municipality": municipality or for_whom.municipality})
    return _log(by=by, for_whom=for_whom, channel=channel, kind=AssistedEntry.Kind.ISSUE, target=issue,
                consent=consent)


@transaction.atomic
def enter_idea(*, by, for_whom: AssistedPerson, consent: ConsentGiven, title: str, body: str, municipality=None,
               channel: str = Channel.SUPPORTER) -> AssistedEntry:
    """Propose an idea as the person's own (ideas' service), marked by channel."""
    consent = _check(by, for_whom, consent, channel)
    idea = ideas.idea_create(author=for_whom.person, title=title, body=body, channel=channel,
                             place={"municipality": municipality or for_whom.municipality})
    return _log(by=by, for_whom=for_whom, channel=channel, kind=AssistedEntry.Kind.IDEA, target=idea,
                consent=consent)


@transaction.atomic
def enter_support(*, by, for_whom: AssistedPerson, consent: ConsentGiven, idea,
                  channel: str = Channel.SUPPORTER) -> AssistedEntry:
    """Support an idea in the person's name (ideas' service: once per person)."""
    consent = _check(by, for_whom, consent, channel)
    ideas.idea_support(idea=idea, person=for_whom.person, supported=True)
    return _log(by=by, for_whom=for_whom, channel=channel, kind=AssistedEntry.Kind.SUPPORT, target=idea,
                consent=consent)


@transaction.atomic
def enter_votes(*, by, for_whom: AssistedPerson, consent: ConsentGiven, conversation, votes: dict,
                channel: str = Channel.SUPPORTER) -> AssistedEntry:
    """Vote in a conversation as the person, one vote per statement ({statement: 1, 0 or −1}); the person is the
    participant of their account, so voting again changes their votes."""
    consent = _check(by, for_whom, consent, channel)
    if not votes:
        raise ValidationError(_("Choose agree, disagree or pass for at least one statement."))
    participant = listening.participant_for(conversation, key=None, person=for_whom.person)
    for statement, value in votes.items():
        listening.vote(participant=participant, statement=statement, value=value)
    return _log(by=by, for_whom=for_whom, channel=channel, kind=AssistedEntry.Kind.VOTE, target=conversation,
                consent=consent, detail=len(votes))


@transaction.atomic
def enter_registration(*, by, for_whom: AssistedPerson, consent: ConsentGiven, event,
                       channel: str = Channel.SUPPORTER) -> AssistedEntry:
    """Register the person for an event, or sign them up for a help request's time slot (a slot is an event)."""
    consent = _check(by, for_whom, consent, channel)
    events.register(event=event, person=for_whom.person, language=for_whom.person.preferred_language or "ja")
    slot = slot_for_event(event.pk)
    if slot is not None:
        return _log(by=by, for_whom=for_whom, channel=channel, kind=AssistedEntry.Kind.HELP_SIGNUP,
                    target=slot.request, consent=consent, detail=timezone.localtime(event.starts_at).strftime(
                        "%Y-%m-%d %H:%M"))
    return _log(by=by, for_whom=for_whom, channel=channel, kind=AssistedEntry.Kind.REGISTRATION, target=event,
                consent=consent)


@transaction.atomic
def claim(*, reference: str, code: str, email: str, password: str):
    """The person takes over the account made for them, with the reference and claim code on their slip."""
    assisted = (AssistedPerson.objects.select_for_update().select_related("person")
                .filter(reference=reference.strip().upper(), claimed_at__isnull=True).first())
    if assisted is None or not check_password(code.strip().upper(), assisted.claim_code):
        raise ValidationError(_("The reference number and claim code do not match an account waiting to be "
                                "claimed."))
    person = people.login_claim(person=assisted.person, email=email, password=password)
    assisted.claimed_at, assisted.claim_code = timezone.now(), ""
    assisted.save(update_fields=["claimed_at", "claim_code"])
    record(actor=person, verb=verbs.SUPPORT_CLAIMED, target=assisted)
    return person


@transaction.atomic
def claim_code_renew(*, by, for_whom: AssistedPerson) -> str:
    """A new claim code for a person who lost theirs, or who was registered from a paper form or a call (their
    first code was never handed over). The old code stops working."""
    require(by, _perm_of(Channel.SUPPORTER), None, _refused())
    if for_whom.claimed_at is not None:
        raise ValidationError(_("This account has been claimed already."))
    code = _code(3)
    for_whom.claim_code = make_password(code)
    for_whom.save(update_fields=["claim_code"])
    return code


def _caller(*, by, channel, reference="", full_name="", name_kana="", home=None, contact_note="") -> AssistedPerson:
    """The person of a paper form or a call: found by reference, or registered now."""
    if reference:
        found = AssistedPerson.objects.select_related("person", "municipality").filter(
            reference=reference.strip().upper()).first()
        if found is None:
            raise ValidationError({"reference": _("No one has this reference number.")})
        return found
    return person_register(by=by, full_name=full_name, municipality=home, name_kana=name_kana,
                           contact_note=contact_note, channel=channel)[0]


@transaction.atomic
def enter_paper_form(*, by, kind: str, form_number: str, title: str, body: str, municipality=None, **caller):
    """A returned paper form (an issue or an idea): its number is the consent, and is entered once."""
    require(by, _perm_of(Channel.PAPER), None, _refused())
    for_whom = _caller(by=by, channel=Channel.PAPER, **caller)
    enter = {AssistedEntry.Kind.ISSUE: enter_issue, AssistedEntry.Kind.IDEA: enter_idea}.get(kind)
    if enter is None:
        raise ValidationError({"kind": _("Choose the kind of form.")})
    try:
        return enter(by=by, for_whom=for_whom, title=title, body=body, municipality=municipality,
                     channel=Channel.PAPER, consent=ConsentGiven(AssistedEntry.ConsentMethod.PAPER, form_number))
    except ValidationError as exc:  # the consent's number is this form's own number field
        if hasattr(exc, "error_dict") and "consent_form_number" in exc.error_dict:
            raise ValidationError({"form_number": exc.error_dict.pop("consent_form_number"), **exc.error_dict}) \
                from None
        raise


@transaction.atomic
def enter_call(*, by, kind: str, consent_note: str, title: str = "", body: str = "", event=None, **caller):
    """A phone call logged as an issue, an idea or an event registration for the caller (consent in words)."""
    require(by, _perm_of(Channel.PHONE), None, _refused())
    for_whom = _caller(by=by, channel=Channel.PHONE, **caller)
    consent = ConsentGiven(AssistedEntry.ConsentMethod.SPOKEN, note=consent_note)
    if kind == AssistedEntry.Kind.REGISTRATION:
        if event is None:
            raise ValidationError({"event": _("Choose the event.")})
        return enter_registration(by=by, for_whom=for_whom, consent=consent, event=event, channel=Channel.PHONE)
    enter = {AssistedEntry.Kind.ISSUE: enter_issue, AssistedEntry.Kind.IDEA: enter_idea}.get(kind)
    if enter is None:
        raise ValidationError({"kind": _("Choose what the caller wants to post.")})
    return enter(by=by, for_whom=for_whom, consent=consent, title=title, body=body, channel=Channel.PHONE)
