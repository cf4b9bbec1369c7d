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
    """E-mail the author of a hidden post (a ModerationAction's id: kept for tasks queued before issue 13)."""
    action = ModerationAction.objects.select_related("content_type").get(pk=action_id)
    return _mail_author(action.target, action.content_type, action.reason)


@task()
def notify_author_of_action(action_id: int) -> bool:
    """E-mail the author of a hidden post, in their language, with the moderator's reason (an Action's id)."""
    from yukemuri.actions.models import Action

    action = Action.objects.select_related("target_type").get(pk=action_id)
    return _mail_author(action.target, action.target_type, action.data.get("reason", ""))


def _mail_author(target, content_type, reason) -> bool:
    if target is None:
        return False
    author = getattr(target, "author", None)
    if not may_email(author):  # no e-mail to an address its owner has not confirmed
        return False
    entry = registry.for_content_type(content_type)
    with translation.override(author.preferred_language):
        subject = _("Your post was hidden by a moderator")
        body = _(
            "A moderator hid your post “%(excerpt)s”.\n\nReason: %(reason)s\n\n"
            "You can still see it, with the reason, at %(path)s"
        ) % {"excerpt": entry.excerpt(target), "reason": reason, "path": entry.url(target)}
    send_mail(subject, body, None, [author.email])
    return True
