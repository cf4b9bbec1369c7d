"""Consultations — 相談業務 of a co-creation space (seed 001: コーディネーター事業, 公認会計士・中小企業診断士).

Qualifications and fields are data (the operator adds 弁理士 or 医療 without a release). A coordinator publishes
slots; a member books one with an intake; the coordinator keeps private notes and a follow-up, and may hand the
case on to matching or to an idea's team."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Qualification(models.Model):
    """資格 — a coordinator's qualification: 公認会計士, 中小企業診断士, 税理士, 弁理士 …"""

    code = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self):
        return self.name


class Field(models.Model):
    """相談分野 — what a consultation is about: 資金調達, 事業計画, 販路開拓, IT …"""

    code = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("consultation field")
        verbose_name_plural = _("consultation fields")

    def __str__(self):
        return self.name


class CoordinatorProfile(models.Model):
    """コーディネーター — a coordinator's public profile at a space: qualifications, fields, a short introduction."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="coordinator_profile")
    space = models.ForeignKey("space.Space", verbose_name=_("space"), on_delete=models.CASCADE,
                              related_name="+")
    introduction = models.TextField(_("introduction"), max_length=2000, blank=True)
    qualifications = models.ManyToManyField(Qualification, verbose_name=_("qualifications"), blank=True,
                                            related_name="coordinators")
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), blank=True, related_name="coordinators")
    active = models.BooleanField(_("taking consultations"), default=True)

    class Meta:
        ordering = ["space_id", "id"]
        verbose_name = _("coordinator profile")
        verbose_name_plural = _("coordinator profiles")

    def __str__(self):
        return str(self.person)


class Slot(models.Model):
    """相談枠 — a time a coordinator offers, at a facility of the space or online."""

    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("coordinator"),
                                    on_delete=models.CASCADE, related_name="consultation_slots")
    space = models.ForeignKey("space.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    facility = models.ForeignKey("space.Facility", verbose_name=_("place"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    online = models.BooleanField(_("online"), default=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("consultation slot")
        verbose_name_plural = _("consultation slots")
        constraints = [
            # a place, exactly one of: a facility of the space, or online
            models.CheckConstraint(condition=Q(online=True, facility__isnull=True) | Q(online=False,
                                                                                       facility__isnull=False),
                                   name="consultation_slot_one_place"),
            models.CheckConstraint(condition=Q(minutes__gte=15) & Q(minutes__lte=240),
                                   name="consultation_slot_length"),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M} ({self.minutes} min)"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)


class Stage(models.TextChoices):
    """事業の段階 — where the business stands, asked at intake."""

    IDEA = "idea", _("An idea, nothing started yet")
    PREPARING = "preparing", _("Preparing to start")
    STARTED = "started", _("Started within the last three years")
    ESTABLISHED = "established", _("Established business")
    NEW_VENTURE = "new_venture", _("A new venture of an existing company")


class Consultation(models.Model):
    """相談 — a member's booking of a slot with its intake; the coordinator's notes and follow-up."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    class Seeking(models.TextChoices):
        """What a hand-off to matching looks for (マッチング)."""

        PARTNER = "partner", _("A partner company")
        CREATOR = "creator", _("A creator")
        EXPERT = "expert", _("An expert")

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="consultations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="consultations")
    field = models.ForeignKey(Field, verbose_name=_("field"), on_delete=models.PROTECT, null=True, blank=True,
                              related_name="consultations")
    topic = models.CharField(_("topic"), max_length=200)
    stage = models.CharField(_("stage of the business"), max_length=20, choices=Stage.choices)
    needs = models.TextField(_("what you need"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    booked_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    # Private (docs/decisions): seen by the space's coordinators, its operator and administrators; never the member.
    private_note = models.TextField(_("private note"), max_length=4000, blank=True)
    follow_up = models.CharField(_("next step"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    opening = models.ForeignKey("matching.Opening", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    seeking = models.CharField(_("looking for"), max_length=10, choices=Seeking.choices, blank=True)
    team_application = models.ForeignKey("teams.Application", on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="+")

    class Meta:
        ordering = ["slot__starts_at", "id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            # one booking per slot, ever: the database refuses a second live booking whatever the code does
            models.UniqueConstraint(fields=["slot"], condition=Q(status="booked"), name="consultation_one_per_slot"),
        ]

    def __str__(self):
        return self.topic
