"""Guests on issues (ゲスト参加): 「私も困っている」 (a support) without an account, confirmed by an e-mail link through
the shared guest mechanism (notifications/guests.py), and taken over by the account that later proves the address
(docs/decisions/0027-guests-and-paper-ballots.md). The same rules as a guest's support of an idea."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.core import pagecache
from yukemuri.notifications import guests
from yukemuri.notifications.guests import Described
from yukemuri.notifications.receivers import ISSUE_SUPPORTED, SUPPORTS_EVERY, tell_author

from .models import GuestSupport, Issue, IssueSupport

SUPPORT = "issue_support"


@transaction.atomic
def guest_support(*, issue: Issue, name: str, email: str, language: str = "ja") -> GuestSupport:
    """A guest supports an issue: it counts once the link we e-mail is followed. The same address again on the
    same issue is the same support (the link is sent again while unconfirmed)."""
    if not issue.is_published:
        raise PermissionDenied(_("This issue cannot be supported now."))
    name, email = (name or "").strip(), guests.normalise_email(email)
    if not name or not email:
        raise ValidationError(_("Give your name (or a pseudonym) and e-mail address."))
    row, _created = GuestSupport.objects.get_or_create(issue=issue, email=email,
                                                       defaults={"name": name[:80], "language": language})
    if row.confirmed_at is None:
        guests.request_confirmation(SUPPORT, row.pk)
    return row


@transaction.atomic
def guest_support_confirm(row: GuestSupport) -> str:
    """The link was followed: the support counts (once, however often the button is pressed)."""
    if GuestSupport.objects.filter(pk=row.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now()):
        Issue.objects.filter(pk=row.issue_id).update(support_count=F("support_count") + 1)
        pagecache.bump()  # an update() sends no signal: cached pages would keep the old count
        # …nor does the author hear of it from the IssueSupport receiver: told here, as for an account's support.
        tell_author(row.issue, by_id=None, message=ISSUE_SUPPORTED, at_most_every=SUPPORTS_EVERY)
    return _("Thank you: your support counts.")


@transaction.atomic
def guests_claim(*, person, email: str) -> list:
    """The person proved `email`: its confirmed guest supports become theirs. A support the person already gave
    with the account is not counted twice (the guest's one goes, the count falls by one). Unconfirmed ones stay
    as they are (their link still works, and confirms them into the account)."""
    claimed = []
    for row in GuestSupport.objects.select_for_update().filter(email=email, confirmed_at__isnull=False).order_by("pk"):
        _support, created = IssueSupport.objects.get_or_create(target_id=row.issue_id, person=person)
        if not created:
            Issue.objects.filter(pk=row.issue_id).update(support_count=F("support_count") - 1)
        row.delete()
        claimed.append(("issue_support", row.issue_id))
    return claimed


def connect() -> None:
    def support_described(row):
        return Described(email=row.email, name=row.name, language=row.language,
                         what=_("support the issue “%(title)s”") % {"title": row.issue.title},
                         url=row.issue.get_absolute_url())

    guests.register(SUPPORT, find=lambda pk: GuestSupport.objects.select_related("issue").filter(pk=pk).first(),
                    describe=support_described, confirm=guest_support_confirm)
    guests.register_claim("issues", guests_claim)
