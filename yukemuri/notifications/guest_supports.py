"""A guest's support (ゲストの応援): one rule for every kind of post a guest can support without an account — an issue's
「私も困っている」 and an idea's 応援 (docs/decisions/0027-guests-and-paper-ballots.md).

The app describes its kind once (`Supportable`: its models, its words) and calls `support`, `confirm` and `claim`:

- `support`: the guest gives a name and an address; the row waits, and the link is e-mailed (again while
  unconfirmed: the same address on the same post is the same support);
- `confirm`: the link was followed; the support counts once, however often the button is pressed, and the
  post's author is told as for an account's support;
- `claim`: the person proved the address; its confirmed supports become theirs, never counted twice.

The models come in as arguments: this layer imports none of the apps above it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.core import pagecache

from . import guests
from .receivers import SUPPORTS_EVERY, tell_author


@dataclass(frozen=True)
class Supportable:
    """A kind of post guests can support. `guest_model` has `field` (a foreign key to `target_model`), `email`,
    `name`, `language` and `confirmed_at`; `support_model` is an account's support (`target_id`, `person`)."""

    kind: str  # the guests mechanism's name of the action, e.g. "issue_support"
    guest_model: type
    target_model: type
    support_model: type
    field: str  # "issue", "idea"
    supported: str  # the notice left for the author (notifications.receivers)
    closed: str  # why an unpublished post cannot be supported (lazy text)
    what: str  # the e-mail's words for the action, with %(title)s (lazy text)
    claimed_as: str  # the label of a claimed support in `claim`'s list

    def row(self, pk: int):
        return self.guest_model.objects.select_related(self.field).filter(pk=pk).first()

    def describe(self, row) -> guests.Described:
        post = getattr(row, self.field)
        return guests.Described(email=row.email, name=row.name, language=row.language,
                                what=self.what % {"title": post.title}, url=post.get_absolute_url())


def who(name: str, email: str) -> tuple[str, str]:
    """The guest's name (at most 80 characters) and normalised address, or a ValidationError."""
    name, email = (name or "").strip(), guests.normalise_email(email)
    if not name or not email:
        raise ValidationError(_("Give your name (or a pseudonym) and e-mail address."))
    return name[:80], email


@transaction.atomic
def support(kind: Supportable, post, *, name: str, email: str, language: str = "ja"):
    """A guest supports `post`: it counts once the link we e-mail is followed."""
    if not post.is_published:
        raise PermissionDenied(str(kind.closed))
    name, email = who(name, email)
    row, _created = kind.guest_model.objects.get_or_create(**{kind.field: post}, email=email,
                                                           defaults={"name": name, "language": language})
    if row.confirmed_at is None:
        guests.request_confirmation(kind.kind, row.pk)
    return row


@transaction.atomic
def confirm(kind: Supportable, row) -> str:
    """The link was followed: the support counts (once, however often the button is pressed)."""
    if kind.guest_model.objects.filter(pk=row.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now()):
        post_id = getattr(row, f"{kind.field}_id")
        kind.target_model.objects.filter(pk=post_id).update(support_count=F("support_count") + 1)
        pagecache.bump()  # an update() sends no signal: cached pages would keep the old count
        # …nor does the author hear of it from the account-support receiver: told here, as for an account's support.
        tell_author(getattr(row, kind.field), by_id=None, message=kind.supported, at_most_every=SUPPORTS_EVERY)
    return _("Thank you: your support counts.")


@transaction.atomic
def claim(kind: Supportable, *, person, email: str) -> list:
    """The person proved `email`: its confirmed guest supports become theirs. A support the person already gave
    with the account is not counted twice (the guest's one goes, the count falls by one). Unconfirmed ones stay
    as they are (their link still works, and confirms them into the account)."""
    claimed = []
    rows = kind.guest_model.objects.select_for_update().filter(email=email, confirmed_at__isnull=False).order_by("pk")
    for row in rows:
        post_id = getattr(row, f"{kind.field}_id")
        _support, created = kind.support_model.objects.get_or_create(target_id=post_id, person=person)
        if not created:
            kind.target_model.objects.filter(pk=post_id).update(support_count=F("support_count") - 1)
        row.delete()
        claimed.append((kind.claimed_as, post_id))
    return claimed


def register(kind: Supportable) -> None:
    """Register the kind with the guests mechanism (in the app's AppConfig.ready)."""
    guests.register(kind.kind, find=kind.row, describe=kind.describe, confirm=lambda row: confirm(kind, row))
