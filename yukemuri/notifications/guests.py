"""Guests (ゲスト参加): taking part without an account — a name or pseudonym and an e-mail address, confirmed by
a link. One mechanism for every app (docs/decisions/0027-guests-and-paper-ballots.md):

- an app registers a kind of guest action (`register`): how to find its row, what to say in the e-mail, and
  what confirming does (a support starts to count, a comment goes to the moderators);
- `request_confirmation` e-mails the link once the row is saved (exactly once per request: OutgoingEmail);
- the link is signed (kind, row, address) and expires; opening it shows a button, the button's POST confirms
  (GET never writes: mail scanners open links);
- a person who proves an address — confirming it after sign-up, or signing in with a confirmed one — takes
  over everything done as a guest under it: `claim_everything` runs every app's claimer (`register_claim`),
  each idempotent. Events registered theirs too, so event and help sign-ups made as a guest follow the same path.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from yukemuri.core.forms import one_line
from yukemuri.core.tasks import retry_later

from .mail import send_once

SALT = "yukemuri.guests.confirm"
VALID_DAYS = 14


@dataclass(frozen=True)
class Described:
    """What the e-mail and the confirming page say of one guest action."""

    email: str
    name: str
    language: str
    what: str  # e.g. "support the idea “…”", already in the guest's language
    url: str  # where the action is seen


@dataclass(frozen=True)
class GuestKind:
    name: str
    find: Callable[[int], object | None]
    describe: Callable[[object], Described]
    confirm: Callable[[object], str]  # confirms (idempotent); returns the message to show


_kinds: dict[str, GuestKind] = {}
_claimers: dict[str, Callable] = {}


def register(name: str, *, find, describe, confirm) -> None:
    """An app's kind of guest action (called in its AppConfig.ready)."""
    _kinds[name] = GuestKind(name=name, find=find, describe=describe, confirm=confirm)


def register_claim(name: str, claim) -> None:
    """`claim(person=…, email=…)` makes the person's own what was done as a guest under `email`; idempotent."""
    _claimers[name] = claim


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def token(kind: str, pk: int, email: str) -> str:
    return signing.dumps({"k": kind, "p": pk, "e": normalise_email(email)}, salt=SALT, compress=True)


def link(kind: str, pk: int, email: str, language: str) -> str:
    with translation.override(language):
        path = reverse("guest_confirm", args=[token(kind, pk, email)])
    return settings.YUKEMURI["SITE_URL"].rstrip("/") + path


def read(value: str):
    """(kind, row) of a fresh token whose row still has the address it was sent to; else None."""
    try:
        data = signing.loads(value, salt=SALT, max_age=VALID_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in _kinds or not isinstance(data.get("p"), int):
        return None
    kind = _kinds[data["k"]]
    row = kind.find(data["p"])
    if row is None or normalise_email(kind.describe(row).email) != data.get("e"):
        return None
    return kind, row


def request_confirmation(kind: str, pk: int) -> None:
    """E-mail the confirming link once the caller's transaction commits (each request its own e-mail)."""
    request = secrets.token_hex(8)
    transaction.on_commit(lambda: send_confirmation.enqueue(kind, pk, request))


@task()
def send_confirmation(kind: str, pk: int, request: str = "", attempt: int = 0) -> bool:
    entry = _kinds.get(kind)
    row = entry.find(pk) if entry else None
    if row is None:
        return False
    described = entry.describe(row)
    with translation.override(described.language):
        described = entry.describe(row)  # its words in the guest's language
        subject = _("Please confirm: %(what)s") % {"what": described.what}
        body = _(
            "Hello %(name)s,\n\nYou asked to %(what)s without an account. To confirm, open this link and press "
            "the button:\n%(link)s\n\nUntil then it does not count. The link works for %(days)d days. If this was "
            "not you, ignore this e-mail."
        ) % {"name": described.name, "what": described.what, "days": VALID_DAYS,
             "link": link(kind, pk, described.email, described.language)}
    message = EmailMessage(one_line(subject), body, None, [described.email])
    try:
        return send_once(f"guests.{kind}:{pk}:{request}", message, task=send_confirmation, args=[kind, pk, request])
    except Exception:
        retry_later(send_confirmation, kind, pk, request, attempt=attempt)
        raise


def confirm(kind: GuestKind, row) -> str:
    """Confirm a guest action; when a confirmed account has that address, the action becomes the account's."""
    from yukemuri.people.selectors import verified_person_with_email

    with transaction.atomic():
        said = kind.confirm(row)
    person = verified_person_with_email(kind.describe(row).email)
    if person is not None:
        claim_everything(person=person)
    return said


def claim_everything(*, person) -> dict[str, int]:
    """Everything done as a guest under the person's confirmed address becomes theirs (every app's claimer,
    in one transaction, each idempotent); recorded when anything moved. An unconfirmed address claims nothing."""
    email = normalise_email(person.email)
    if not (email and person.email_verified and person.is_active):
        return {}
    from yukemuri.actions import verbs
    from yukemuri.actions.services import record as action_record

    claimed = {}
    with transaction.atomic():
        for name, claim in _claimers.items():
            claimed[name] = len(claim(person=person, email=email) or ())
        if any(claimed.values()):
            # Public: a guest's name on a comment becomes the account's (pages anyone reads change).
            action_record(actor=person, verb=verbs.GUEST_CLAIMED, target=person, data=claimed)
    return claimed


def _on_action(sender, action, verb, **kwargs):
    # A person confirmed their address (after sign-up, or a changed one): it is proved now.
    from yukemuri.actions import verbs

    if verb.name == verbs.EMAIL_VERIFIED and action.actor is not None:
        claim_everything(person=action.actor)


def _on_login(sender, request, user, **kwargs):
    # Signing in with an address confirmed earlier proves it again: guest actions made since become theirs.
    if user is not None and getattr(user, "email_verified", False):
        claim_everything(person=user)


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in

    from yukemuri.actions.signals import action_committed

    action_committed.connect(_on_action, dispatch_uid="guests-claim-on-verified")
    user_logged_in.connect(_on_login, dispatch_uid="guests-claim-on-login")
