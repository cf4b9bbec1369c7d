"""Guests on ideas (ゲスト参加): supports and comments without an account, confirmed by an e-mail link through
the shared guest mechanism (notifications/guests.py; a support follows the rule of every guest support,
notifications/guest_supports.py), and taken over by the account that later proves the address
(docs/decisions/0027-guests-and-paper-ballots.md)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yukemuri.core.models import Visibility
from yukemuri.moderation import services as moderation
from yukemuri.notifications import guest_supports, guests
from yukemuri.notifications.guests import Described
from yukemuri.notifications.receivers import IDEA_SUPPORTED

from .models import Comment, GuestSupport, Idea, IdeaSupport
from .services import MAX_DEPTH

SUPPORT, COMMENT = "idea_support", "idea_comment"
KIND = guest_supports.Supportable(
    kind=SUPPORT, guest_model=GuestSupport, target_model=Idea, support_model=IdeaSupport, field="idea",
    supported=IDEA_SUPPORTED, closed=gettext_lazy("This idea cannot be supported now."),
    what=gettext_lazy("support the idea “%(title)s”"), claimed_as="support")


def guest_support(*, idea: Idea, name: str, email: str, language: str = "ja") -> GuestSupport:
    """A guest supports an idea: it counts once the link we e-mail is followed. The same address again on
    the same idea is the same support (the link is sent again while unconfirmed)."""
    return guest_supports.support(KIND, idea, name=name, email=email, language=language)


def guest_support_confirm(row: GuestSupport) -> str:
    """The link was followed: the support counts (once, however often the button is pressed)."""
    return guest_supports.confirm(KIND, row)


@transaction.atomic
def guest_comment(*, idea: Idea, name: str, email: str, body: str, parent: Comment | None = None,
                  language: str = "ja") -> Comment:
    """A guest's comment: held until the link we e-mail is followed, then a moderator reads it before it shows."""
    if not idea.is_published:
        raise PermissionDenied(_("Comments are closed on this idea."))
    name, email = guest_supports.who(name, email)
    if not body.strip():
        raise ValidationError({"body": _("Write a comment first.")})
    if parent is not None:
        if parent.idea_id != idea.pk or not parent.is_published:
            raise ValidationError({"parent": _("You can only reply to a visible comment of this idea.")})
        if parent.depth >= MAX_DEPTH and parent.parent_id:
            parent = parent.parent
    comment = Comment.objects.create(
        idea=idea, author=None, body=body.strip(), parent=parent, root=(parent.root or parent) if parent else None,
        depth=parent.depth + 1 if parent else 0, visibility=Visibility.HELD,
        guest_name=name, guest_email=email, guest_language=language)
    guests.request_confirmation(COMMENT, comment.pk)
    return comment


@transaction.atomic
def guest_comment_confirm(comment: Comment) -> str:
    """The link was followed: the comment goes to the moderators' queue (recorded as held for review)."""
    if Comment.objects.filter(pk=comment.pk, guest_confirmed_at__isnull=True).update(
            guest_confirmed_at=timezone.now()):
        moderation.log_held(comment)
    return _("Thank you: a moderator reads your comment before it shows.")


@transaction.atomic
def guests_claim(*, person, email: str) -> list:
    """The person proved `email`: its confirmed guest supports (guest_supports.claim) and comments become theirs.
    Unconfirmed ones stay as they are (their link still works, and confirms them into the account)."""
    claimed = guest_supports.claim(KIND, person=person, email=email)
    comments = Comment.objects.select_for_update().filter(author__isnull=True, guest_email=email,
                                                          guest_confirmed_at__isnull=False)
    for comment in comments:
        claimed.append(("comment", comment.pk))
    comments.update(author=person, guest_name="", guest_email="")
    return claimed


def connect() -> None:
    def comment_described(comment):
        return Described(email=comment.guest_email, name=comment.guest_name, language=comment.guest_language or "ja",
                         what=_("comment on the idea “%(title)s”") % {"title": comment.idea.title},
                         url=comment.idea.get_absolute_url())

    guest_supports.register(KIND)
    guests.register(COMMENT, find=lambda pk: Comment.objects.select_related("idea").filter(
                        pk=pk, author__isnull=True).exclude(guest_email="").first(),
                    describe=comment_described, confirm=guest_comment_confirm)
    guests.register_claim("ideas", guests_claim)
