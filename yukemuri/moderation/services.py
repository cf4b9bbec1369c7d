"""Moderation: reports, holding first posts, hiding and restoring — each recorded in the action stream with who,
when and why (the older ModerationAction table is no longer written: docs/decisions/0009-action-stream.md)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.actions.services import record as action_record
from yukemuri.core.models import Visibility
from yukemuri.core.permissions import allowed, require

from . import registry
from .models import Report
from .signals import visibility_changed


def initial_visibility(author) -> str:
    """Published, or held for review while the author has fewer published posts than the setting asks."""
    needed = settings.YUKEMURI["HOLD_FIRST_POSTS"]
    if needed <= 0 or allowed(author, "moderation.publish_without_review"):
        return Visibility.PUBLISHED
    published = sum(
        entry.model.objects.filter(author=author, visibility=Visibility.PUBLISHED).count()
        for entry in registry.all_entries()
    )
    return Visibility.HELD if published < needed else Visibility.PUBLISHED


def log_held(target) -> None:
    """Record that a new post waits for review (no moderator acted yet)."""
    reason = _("First posts of new accounts are reviewed.")
    action_record(actor=None, verb=verbs.POST_HELD, target=target,
                  data={"old": None, "new": Visibility.HELD, "reason": str(reason)})


def _open_reports(target):
    return Report.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, resolved_at__isnull=True
    )


def _set_visibility(target, new: str, reason: str = "") -> None:
    old = target.visibility
    type(target).objects.filter(pk=target.pk).update(visibility=new, moderation_reason=reason)
    target.visibility, target.moderation_reason = new, reason
    if old != new:
        visibility_changed.send(sender=type(target), instance=target, old=old, new=new)


@transaction.atomic
def report_create(*, target, reporter, reason: str, detail: str = "") -> Report:
    """File a report. A person's second report of the same post while the first is open is the same report."""
    require(reporter, "moderation.report", target, _("Log in to report a post."))
    visible_to = registry.for_model(target).visible_to
    if visible_to is not None and not visible_to(reporter, target):
        raise PermissionDenied(_("You cannot see this post."))
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    registry.for_model(type(target))  # only registered kinds of post can be reported
    try:
        with transaction.atomic():
            return Report.objects.create(
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                reporter=reporter,
                reason=reason,
                detail=detail,
            )
    except IntegrityError:
        return _open_reports(target).get(reporter=reporter)


@transaction.atomic
def post_hide(*, target, moderator, reason: str) -> Action:
    """Hide a post from lists, search and the API. The reason is shown to its author."""
    require(moderator, "moderation.moderate", target, _("Only moderators can do this."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the post is hidden: its author will read it.")})
    old = target.visibility
    _set_visibility(target, Visibility.HIDDEN, reason.strip())
    _open_reports(target).update(resolved_at=timezone.now())
    # The author's e-mail is sent by a receiver of this action, once it has committed (moderation/receivers.py).
    return action_record(actor=moderator, verb=verbs.POST_HIDDEN, target=target,
                         data={"old": old, "new": Visibility.HIDDEN, "reason": reason.strip()})


@transaction.atomic
def post_restore(*, target, moderator, reason: str = "") -> Action:
    require(moderator, "moderation.moderate", target, _("Only moderators can do this."))
    old = target.visibility
    _set_visibility(target, Visibility.PUBLISHED)
    return action_record(actor=moderator, verb=verbs.POST_RESTORED, target=target,
                         data={"old": old, "new": Visibility.PUBLISHED, "reason": reason})


@transaction.atomic
def post_approve(*, target, moderator) -> Action:
    """Publish a post that was held for review."""
    require(moderator, "moderation.moderate", target, _("Only moderators can do this."))
    old = target.visibility
    _set_visibility(target, Visibility.PUBLISHED)
    _open_reports(target).update(resolved_at=timezone.now())
    return action_record(actor=moderator, verb=verbs.POST_APPROVED, target=target,
                         data={"old": old, "new": Visibility.PUBLISHED})


@transaction.atomic
def reports_dismiss(*, target, moderator, reason: str = "") -> Action:
    """Close the open reports of a post that breaks no rule; the post stays as it is."""
    require(moderator, "moderation.moderate", target, _("Only moderators can do this."))
    resolved = _open_reports(target).update(resolved_at=timezone.now())
    return action_record(actor=moderator, verb=verbs.REPORTS_DISMISSED, target=target,
                         data={"reports_closed": resolved, "reason": reason})
