"""Space — 共創スペース: a co-creation space (e.g. NETSUGEN), its facilities, opening hours and closures."""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


class Space(models.Model):
    """共創スペース — a co-creation space run for the prefecture, possibly by a contractor (運営業務の受託者).

    Several spaces per prefecture are allowed; the slug is unique across the site."""

    name = models.CharField(_("name"), max_length=120)
    name_kana = models.CharField(_("name in kana"), max_length=200, blank=True)
    slug = models.SlugField(_("key"), unique=True)
    prefecture = models.ForeignKey("regions.Prefecture", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    address = models.CharField(_("address"), max_length=200, blank=True)
    address_extra = models.CharField(_("building, floor (方書)"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    operator = models.ForeignKey("organisations.Organisation", verbose_name=_("operated by"),
                                 on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 help_text=_("The company that runs the space under contract, if any."))
    is_demo = models.BooleanField(_("demo space"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["prefecture_id", "name"]
        verbose_name = _("co-creation space")
        verbose_name_plural = _("co-creation spaces")

    def __str__(self):
        return self.name

    @property
    def full_address(self) -> str:
        return f"{self.address} {self.address_extra}".strip()


class Facility(models.Model):
    """施設 — a part of a space one can use: the open space, a meeting room, a desk, a studio, a kitchen."""

    class Kind(models.TextChoices):
        SPACE = "space", _("Open space")
        ROOM = "room", _("Meeting room")
        DESK = "desk", _("Desk")
        STUDIO = "studio", _("Studio")
        KITCHEN = "kitchen", _("Kitchen")

    space = models.ForeignKey(Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="facilities")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ROOM)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("People at once; leave empty if it does not apply."))
    accessibility = models.CharField(_("accessibility"), max_length=400, blank=True,
                                     help_text=_("Step-free access, hearing loop, accessible toilet …"))
    equipment = models.TextField(_("equipment"), max_length=2000, blank=True)
    photo = models.FileField(_("photo"), upload_to="space/facilities/", blank=True,
                             validators=[FileExtensionValidator(PHOTO_EXTENSIONS)])
    photo_alt = models.CharField(_("photo description"), max_length=200, blank=True,
                                 help_text=_("What the photo shows, for people who cannot see it."))
    description = models.TextField(_("description"), max_length=4000, blank=True)
    bookable = models.BooleanField(_("bookable"), default=False,
                                   help_text=_("Can be booked in 30-minute slots within opening hours."))
    # キャンセル規定: cancelling is free until this many hours before the start; later only the operator may.
    free_cancellation_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"), default=24, validators=[MaxValueValidator(24 * 30)])
    max_booking_minutes = models.PositiveSmallIntegerField(
        _("longest booking (minutes)"), default=240, validators=[MaxValueValidator(24 * 60)])
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["space_id", "sort_order", "id"]
        verbose_name = _("space facility")
        verbose_name_plural = _("space facilities")

    def __str__(self):
        return f"{self.space} — {self.name}"

    def get_absolute_url(self):
        return reverse("space_facility", args=[self.pk])


class WeeklyHours(models.Model):
    """開館時間 — one row per open weekday (0 = Monday … 6 = Sunday) or for public holidays; no row = closed."""

    class Day(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")
        HOLIDAY = 7, _("Public holiday")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="weekly_hours")
    day = models.PositiveSmallIntegerField(_("day"), choices=Day.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["space_id", "day"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["space", "day"], name="space_hours_one_row_per_day"),
            models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="space_hours_open_before_close"),
        ]

    def __str__(self):
        return f"{self.get_day_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """休館日 — days the space is closed whatever the weekly hours say: the year end or a one-off."""

    class Reason(models.TextChoices):
        YEAR_END = "year_end", _("Year-end and New Year holidays")
        ONE_OFF = "one_off", _("One-off closure")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, default=Reason.ONE_OFF)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["space_id", "starts_on"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lte=F("ends_on")), name="space_closure_dates_in_order"),
        ]

    def __str__(self):
        return f"{self.starts_on}–{self.ends_on} ({self.get_reason_display()})"


class Booking(models.Model):
    """予約 — a facility booked from `starts_at` to `ends_at` (half-hour marks within opening hours).

    No two confirmed bookings of a facility overlap: services.book serialises per facility, and on PostgreSQL
    an exclusion constraint on (facility, tstzrange(starts_at, ends_at)) holds it whatever writes (migration
    0002, docs/decisions/0029-co-creation-space.md)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    facility = models.ForeignKey(Facility, verbose_name=_("facility"), on_delete=models.CASCADE,
                                 related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("booked for"), on_delete=models.CASCADE,
                               related_name="space_bookings")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("booked by"), on_delete=models.SET_NULL,
                                  null=True, related_name="+")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="space_booking_starts_before_end"),
        ]
        indexes = [models.Index(fields=["facility", "starts_at"], name="space_booking_by_facility")]

    def __str__(self):
        return f"{self.facility.name} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED
