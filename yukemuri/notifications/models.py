"""Notifications (お知らせ) in the site, gathered into an e-mail digest by the task queue."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext


class Notification(models.Model):
    """One thing to tell one person. The text is kept as a message id and its values, and translated
    when shown, so each person reads it in their own language."""

    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "read_at"], name="notification_unread"),
            models.Index(fields=["person", "emailed_at"], name="notification_unsent"),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        params = {key: gettext(value) if key.endswith("_label") else value for key, value in self.params.items()}
        return gettext(self.message) % params
