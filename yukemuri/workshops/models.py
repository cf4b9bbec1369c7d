"""課題の構造図 — the issue-structure diagram a table builds in a workshop session."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Diagram(models.Model):
    """One group's diagram in one session (a session can have several tables)."""

    event = models.ForeignKey("events.Event", verbose_name=_("session"), on_delete=models.CASCADE,
                              related_name="diagrams")
    title = models.CharField(_("group or theme"), max_length=80)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "id"]
        verbose_name = _("issue-structure diagram")
        verbose_name_plural = _("issue-structure diagrams")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("diagram_detail", args=[self.pk])


class Node(models.Model):
    class Kind(models.TextChoices):
        PROBLEM = "problem", _("Problem")
        CAUSE = "cause", _("Cause")
        EFFECT = "effect", _("Effect")
        ASSET = "asset", _("Local asset")
        IDEA = "idea", _("Idea")

    diagram = models.ForeignKey(Diagram, on_delete=models.CASCADE, related_name="nodes")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=60)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    promoted_issue = models.ForeignKey("issues.Issue", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+")
    promoted_idea = models.ForeignKey("ideas.Idea", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("node")
        verbose_name_plural = _("nodes")

    def __str__(self):
        return self.label


class Edge(models.Model):
    class Kind(models.TextChoices):
        CAUSES = "causes", _("causes")
        LEADS_TO = "leads_to", _("leads to")
        ADDRESSES = "addresses", _("addresses")

    diagram = models.ForeignKey(Diagram, on_delete=models.CASCADE, related_name="edges")
    source = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="out_edges")
    target = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="in_edges")
    kind = models.CharField(_("relation"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("edge")
        verbose_name_plural = _("edges")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="edge_unique"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="edge_not_a_loop"),
        ]

    def __str__(self):
        return f"{self.source_id} {self.kind} {self.target_id}"
