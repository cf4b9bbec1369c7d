"""Background work of moderation, run by the task queue (django-tasks)."""

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from yukemuri.people.selectors import may_email

from . import registry
from .models import ModerationAction


@task()
def notify_author(action_id: int) -> bool:
    """E-mail the author of a hidden post, in their language, with the moderator's reason."""
    action = ModerationAction.objects.select_related("content_type").get(pk=action_id)
    target = action.target
    if target is None:
        return False
    author = getattr(target, "author", None)
    if not may_email(author):  # no e-mail to an address its owner has not confirmed
        return False
    entry = registry.for_content_type(action.content_type)
    with translation.override(author.preferred_language):
        subject = _("Your post was hidden by a moderator")
        body = _(
            "A moderator hid your post “%(excerpt)s”.\n\nReason: %(reason)s\n\n"
            "You can still see it, with the reason, at %(path)s"
        ) % {"excerpt": entry.excerpt(target), "reason": action.reason, "path": entry.url(target)}
    send_mail(subject, body, None, [author.email])
    return True
