"""Guests on issues (ゲスト参加): 「私も困っている」 (a support) without an account, confirmed by an e-mail link, and
taken over by the account that later proves the address — the rule every guest support follows
(notifications/guest_supports.py; docs/decisions/0027-guests-and-paper-ballots.md)."""

from django.utils.translation import gettext_lazy

from yukemuri.notifications import guest_supports, guests
from yukemuri.notifications.receivers import ISSUE_SUPPORTED

from .models import GuestSupport, Issue, IssueSupport

SUPPORT = "issue_support"
KIND = guest_supports.Supportable(
    kind=SUPPORT, guest_model=GuestSupport, target_model=Issue, support_model=IssueSupport, field="issue",
    supported=ISSUE_SUPPORTED, closed=gettext_lazy("This issue cannot be supported now."),
    what=gettext_lazy("support the issue “%(title)s”"), claimed_as="issue_support")


def guest_support(*, issue: Issue, name: str, email: str, language: str = "ja") -> GuestSupport:
    """A guest supports an issue: it counts once the link we e-mail is followed. The same address again on the
    same issue is the same support (the link is sent again while unconfirmed)."""
    return guest_supports.support(KIND, issue, name=name, email=email, language=language)


def guest_support_confirm(row: GuestSupport) -> str:
    """The link was followed: the support counts (once, however often the button is pressed)."""
    return guest_supports.confirm(KIND, row)


def guests_claim(*, person, email: str) -> list:
    """The person proved `email`: its confirmed guest supports become theirs (guest_supports.claim)."""
    return guest_supports.claim(KIND, person=person, email=email)


def connect() -> None:
    guest_supports.register(KIND)
    guests.register_claim("issues", guests_claim)
