"""Regional issues (地域課題)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yukemuri.core.models import Post, Support


class Issue(Post):
    """地域課題 — a problem of the region, posted by a municipality, a resident or an organisation."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADDRESSED = "addressed", _("Being addressed")
        RESOLVED = "resolved", _("Resolved")
        ARCHIVED = "archived", _("Archived")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    origin_event = models.ForeignKey(
        "events.Event", verbose_name=_("born at"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="born_issues", help_text="生まれた場 — the workshop session it came from.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("regional issue")
        verbose_name_plural = _("regional issues")
        indexes = [
            models.Index(fields=["visibility", "-created_at", "-id"], name="issue_list_new"),
            models.Index(fields=["visibility", "-support_count", "-id"], name="issue_list_supported"),
            models.Index(fields=["municipality", "visibility", "-created_at"], name="issue_by_municipality"),
            models.Index(fields=["area", "visibility", "-created_at"], name="issue_by_area"),
        ]

    def get_absolute_url(self):
        return reverse("issue_detail", args=[self.pk])


class EvidenceLink(models.Model):
    """根拠 — a link to data or a document that shows the issue is real."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(_("address (URL)"), max_length=500)
    title = models.CharField(_("what it shows"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")

    def __str__(self):
        return self.title or self.url


class IssueSupport(Support):
    """「私も困っている」 — a person's sign that this issue matters to them too."""

    target = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="supports")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "person"], name="issue_support_unique")]
