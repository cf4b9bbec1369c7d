"""Guests on ideas (ゲスト参加): supports and comments without an account, confirmed by an e-mail link through
the shared guest mechanism (notifications/guests.py), and taken over by the account that later proves the
address (docs/decisions/0027-guests-and-paper-ballots.md)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.core import pagecache
from yukemuri.core.models import Visibility
from yukemuri.moderation import services as moderation
from yukemuri.notifications import guests
from yukemuri.notifications.guests import Described
from yukemuri.notifications.receivers import IDEA_SUPPORTED, SUPPORTS_EVERY, tell_author

from .models import Comment, GuestSupport, Idea, IdeaSupport
from .services import MAX_DEPTH

SUPPORT, COMMENT = "idea_support", "idea_comment"


def _who(name: str, email: str) -> tuple[str, str]:
    name, email = (name or "").strip(), guests.normalise_email(email)
    if not name or not email:
        raise ValidationError(_("Give your name (or a pseudonym) and e-mail address."))
    return name[:80], email


@transaction.atomic
def guest_support(*, idea: Idea, name: str, email: str, language: str = "ja") -> GuestSupport:
    """A guest supports an idea: it counts once the link we e-mail is followed. The same address again on
    the same idea is the same support (the link is sent again while unconfirmed)."""
    if not idea.is_published:
        raise PermissionDenied(_("This idea cannot be supported now."))
    name, email = _who(name, email)
    row, _created = GuestSupport.objects.get_or_create(idea=idea, email=email,
                                                       defaults={"name": name, "language": language})
    if row.confirmed_at is None:
        guests.request_confirmation(SUPPORT, row.pk)
    return row


@transaction.atomic
def guest_support_confirm(row: GuestSupport) -> str:
    """The link was followed: the support counts (once, however often the button is pressed)."""
    if GuestSupport.objects.filter(pk=row.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now()):
        Idea.objects.filter(pk=row.idea_id).update(support_count=F("support_count") + 1)
        pagecache.bump()  # an update() sends no signal: cached pages would keep the old count
        # …nor does the author hear of it from the IdeaSupport receiver: told here, as for an account's support.
        tell_author(row.idea, by_id=None, message=IDEA_SUPPORTED, at_most_every=SUPPORTS_EVERY)
    return _("Thank you: your support counts.")


@transaction.atomic
def guest_comment(*, idea: Idea, name: str, email: str, body: str, parent: Comment | None = None,
                  language: str = "ja") -> Comment:
    """A guest's comment: held until the link we e-mail is followed, then a moderator reads it before it shows."""
    if not idea.is_published:
        raise PermissionDenied(_("Comments are closed on this idea."))
    name, email = _who(name, email)
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
    """The person proved `email`: its confirmed guest supports and comments become theirs. A support the
    person already gave with the account is not counted twice (the guest's one goes, the count falls by one).
    Unconfirmed ones stay as they are (their link still works, and confirms them into the account)."""
    claimed = []
    for row in GuestSupport.objects.select_for_update().filter(email=email, confirmed_at__isnull=False).order_by("pk"):
        _support, created = IdeaSupport.objects.get_or_create(target_id=row.idea_id, person=person)
        if not created:
            Idea.objects.filter(pk=row.idea_id).update(support_count=F("support_count") - 1)
        row.delete()
        claimed.append(("support", row.idea_id))
    comments = Comment.objects.select_for_update().filter(author__isnull=True, guest_email=email,
                                                          guest_confirmed_at__isnull=False)
    for comment in comments:
        claimed.append(("comment", comment.pk))
    comments.update(author=person, guest_name="", guest_email="")
    return claimed


def connect() -> None:
    def support_described(row):
        return Described(email=row.email, name=row.name, language=row.language,
                         what=_("support the idea “%(title)s”") % {"title": row.idea.title},
                         url=row.idea.get_absolute_url())

    def comment_described(comment):
        return Described(email=comment.guest_email, name=comment.guest_name, language=comment.guest_language or "ja",
                         what=_("comment on the idea “%(title)s”") % {"title": comment.idea.title},
                         url=comment.idea.get_absolute_url())

    guests.register(SUPPORT, find=lambda pk: GuestSupport.objects.select_related("idea").filter(pk=pk).first(),
                    describe=support_described, confirm=guest_support_confirm)
    guests.register(COMMENT, find=lambda pk: Comment.objects.select_related("idea").filter(
                        pk=pk, author__isnull=True).exclude(guest_email="").first(),
                    describe=comment_described, confirm=guest_comment_confirm)
    guests.register_claim("ideas", guests_claim)
