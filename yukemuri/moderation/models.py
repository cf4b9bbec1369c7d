"""Reports from people and the log of what moderators did."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """通報 — someone's report that a post breaks the rules."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive, hateful or discriminatory")
        PERSONAL = "personal", _("Reveals someone's personal information")
        FALSE = "false", _("False or misleading")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    detail = models.TextField(_("details"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["resolved_at", "content_type", "object_id"], name="report_open")]
        constraints = [
            # One open report per person and post: reporting twice does not push a post up the queue.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_report_per_reporter",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.content_type_id}:{self.object_id})"


class ModerationAction(models.Model):
    """モデレーション記録 — who did what to which post, when and why. Never edited or deleted."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        APPROVE = "approve", _("Approved")
        DISMISS = "dismiss", _("Reports dismissed")
        HOLD = "hold", _("Held for review")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self):
        return f"{self.get_action_display()} ({self.content_type_id}:{self.object_id})"
