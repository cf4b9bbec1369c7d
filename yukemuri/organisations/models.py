"""Organisations taking part: companies, NPOs, universities, municipalities, the prefecture, startups."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """団体 — an organisation; `verified` is set by staff once they confirmed it is real."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        NPO = "npo", _("NPO or citizens' group")
        UNIVERSITY = "university", _("University or school")
        MUNICIPALITY = "municipality", _("Municipality")
        PREFECTURE = "prefecture", _("Prefecture")
        STARTUP = "startup", _("Startup")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        "regions.Municipality", verbose_name=_("municipality"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="organisations",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo organisation"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.person_id} @ {self.organisation_id} ({self.role})"
