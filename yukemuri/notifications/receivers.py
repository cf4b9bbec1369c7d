"""Tell authors when someone else comments on or supports their post, or replies to their comment (connected in
apps.py). Issues take supports and no comments (the conversation about an issue happens on the ideas answering it).

One notice per post and kind while the author has neither read it nor been e-mailed it: ten comments in
an hour make one line in the digest, not ten. Supports come in crowds: at most one notice per post a day,
so a hundred supports make one line (their count is on the post). Kind MY_POSTS: the author may choose a
daily or weekly digest, or to hear nothing (/me/notifications/settings/)."""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from yukemuri.core.models import Visibility
from yukemuri.moderation.signals import visibility_changed

from .models import NoticeKind, Notification
from .services import notify

# Notifications serve the apps that post (issues, ideas) and import none of them: the senders are named, and this
# module is imported only once the app registry is ready (apps.py; docs/decisions/0010-layers.md).
Comment = apps.get_model("ideas", "Comment")

COMMENTED = gettext_noop("New comments on your idea “%(title)s”.")
REPLIED = gettext_noop("New replies to your comment on the idea “%(title)s”.")
IDEA_SUPPORTED = gettext_noop("Your idea “%(title)s” has new supporters.")
ISSUE_SUPPORTED = gettext_noop("Your issue “%(title)s” has new supporters.")


SUPPORTS_EVERY = timedelta(days=1)


def tell_author(post, *, by_id, message: str, at_most_every: timedelta | None = None, author=None,
                fragment: str = "") -> bool:
    """Leave `message` (about `post`) for the post's author — or `author`, e.g. of a comment on it — unless they
    did it themselves, such a notice still waits, or (`at_most_every`) one was left less than that long ago."""
    author = author or post.author
    if author is None or author.pk == by_id:
        return False
    with translation.override(settings.LANGUAGE_CODE):  # the unprefixed address; the reader's language shows it
        url = post.get_absolute_url() + fragment
    waiting = Notification.objects.filter(person=author, message=message, url=url, read_at__isnull=True,
                                          emailed_at__isnull=True)
    if waiting.exists():
        return False
    if at_most_every and Notification.objects.filter(person=author, message=message, url=url,
                                                     created_at__gt=timezone.now() - at_most_every).exists():
        return False
    return bool(notify([author], kind=NoticeKind.MY_POSTS, message=message, params={"title": post.title}, url=url))


def _comment_shown(comment) -> None:
    tell_author(comment.idea, by_id=comment.author_id, message=COMMENTED)
    parent = comment.parent
    # The author of the comment replied to hears of it — unless it is the idea's author, told of every comment.
    if parent is not None and parent.author_id not in (None, comment.idea.author_id):
        tell_author(comment.idea, by_id=comment.author_id, message=REPLIED, author=parent.author,
                    fragment=f"#comment-{parent.pk}")


@receiver(post_save, sender="ideas.Comment")
def _comment_posted(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.visibility == Visibility.PUBLISHED:
        _comment_shown(instance)


@receiver(visibility_changed, sender=Comment)
def _comment_published(sender, instance, old, new, **kwargs):
    # A comment held for review reaches the authors when a moderator publishes it.
    if new == Visibility.PUBLISHED and old == Visibility.HELD:
        _comment_shown(instance)


@receiver(post_save, sender="ideas.IdeaSupport")
def _idea_supported(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        tell_author(instance.target, by_id=instance.person_id, message=IDEA_SUPPORTED, at_most_every=SUPPORTS_EVERY)


@receiver(post_save, sender="issues.IssueSupport")
def _issue_supported(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        tell_author(instance.target, by_id=instance.person_id, message=ISSUE_SUPPORTED, at_most_every=SUPPORTS_EVERY)
