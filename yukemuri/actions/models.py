"""The action stream: one row per write under authority."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import verbs


class Action(models.Model):
    """操作記録 — who did what to which object, when, on whose behalf, with the old and new values.

    Written by `services.record` in the writer's transaction; never edited. The target is generic, and its
    short text is kept so the record still reads after the target is deleted. `concerns` is the person the
    target belongs to (the author of a post, the supporter of a pledge, the person given a role), so that
    person's activity page is one indexed query.
    """

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("actor"))
    verb = models.CharField(_("verb"), max_length=40)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("target"), max_length=200, blank=True)
    concerns = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("concerns"))
    data = models.JSONField(_("data"), default=dict, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)  # empty: for themselves
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="action_target"),
            models.Index(fields=["actor", "created_at"], name="action_actor_at"),
            models.Index(fields=["verb", "created_at"], name="action_verb_at"),
            models.Index(fields=["concerns", "created_at"], name="action_concerns_at"),
            models.Index(fields=["created_at", "id"], name="action_at"),
        ]

    def __str__(self):
        return f"{self.verb} {self.target_repr} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def verb_label(self):
        verb = verbs.REGISTRY.get(self.verb)
        return verb.label if verb else self.verb
