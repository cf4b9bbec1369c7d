"""Events (イベント) and series (連続ワークショップ), registrations, tickets and attendance."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from yukemuri.core.codes import new_code
from yukemuri.core.markdown import render_markdown


class EventKind(models.Model):
    """種類 — workshop session, seminar, pitch, meet-up, talk; operators add more in the admin."""

    slug = models.SlugField(_("key"), unique=True)
    name = models.CharField(_("name"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=40)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("kind of event")
        verbose_name_plural = _("kinds of event")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """Japanese from the database; other languages from the catalogue for the standard kinds whose
        English name nobody changed, otherwise the English name an operator gave."""
        from .kinds import DEFAULT_ENGLISH, LABELS

        if (get_language() or "ja").startswith("ja"):
            return self.name
        if self.slug in LABELS and self.name_en == DEFAULT_ENGLISH[self.slug]:
            return str(LABELS[self.slug])
        return self.name_en


class Series(models.Model):
    """シリーズ — sessions that belong together, e.g. 未来共創ワークショップ 2023 高崎安中 (第1回〜第3回)."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    description_html = models.TextField(editable=False, default="")
    prefecture = models.ForeignKey("regions.Prefecture", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey("regions.Area", verbose_name=_("area"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="series")
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.SET_NULL, null=True, blank=True, related_name="series")
    organisers = models.ManyToManyField("organisations.Organisation", verbose_name=_("organised by"),
                                        blank=True, related_name="series")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("series_detail", args=[self.pk])

    @property
    def place(self):
        return self.municipality or self.area or self.prefecture


class Event(models.Model):
    """イベント — one dated gathering: a workshop session, a seminar, a pitch, a meet-up, a talk."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    series = models.ForeignKey(Series, verbose_name=_("series"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="sessions")
    session_number = models.PositiveSmallIntegerField(_("session number"), null=True, blank=True)
    kind = models.ForeignKey(EventKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    title_kana = models.CharField(_("title in kana"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=20000)
    description_html = models.TextField(editable=False, default="")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    # Where: a venue, an online link, or both (hybrid).
    prefecture = models.ForeignKey("regions.Prefecture", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey("regions.Area", verbose_name=_("area"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    venue_name = models.CharField(_("venue"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    access = models.CharField(_("how to get there"), max_length=400, blank=True)
    parking = models.CharField(_("parking"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    # When (stored in UTC, entered and shown in Asia/Tokyo).
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    time_note = models.CharField(_("note on the date"), max_length=200, blank=True)
    # Who may come, and how.
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Leave empty for no limit."))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    registration_note = models.CharField(_("how to apply"), max_length=400, blank=True)
    fee = models.CharField(_("fee"), max_length=60, blank=True, default="無料")
    fee_detail = models.CharField(_("fee details"), max_length=400, blank=True)
    facilitators = models.CharField(_("facilitators"), max_length=200, blank=True)
    organiser_name = models.CharField(_("organiser"), max_length=200, blank=True)
    organisers = models.ManyToManyField("organisations.Organisation", verbose_name=_("organised by"),
                                        blank=True, related_name="events")
    contact_name = models.CharField(_("contact"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=30, blank=True)
    contact_extension = models.CharField(_("extension"), max_length=10, blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    # Accessibility, shown prominently.
    step_free = models.BooleanField(_("step-free access"), default=False)
    childcare = models.BooleanField(_("childcare available"), default=False)
    easy_japanese = models.BooleanField(_("in easy Japanese (やさしい日本語)"), default=False)
    interpretation = models.JSONField(_("interpretation languages"), default=list, blank=True)
    accessibility_note = models.CharField(_("other accessibility information"), max_length=400, blank=True)
    # Counters kept exact by the registration service (under the event's row lock).
    confirmed_count = models.PositiveIntegerField(default=0)
    waitlist_count = models.PositiveIntegerField(default=0)
    registration_sequence = models.PositiveIntegerField(default=0)
    # Imported from a published open-data file: its 全国地方公共団体コード and ID.
    source_code = models.CharField(max_length=6, blank=True)
    source_id = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_calendar"),
            models.Index(fields=["area", "starts_at"], name="event_by_area"),
            models.Index(fields=["municipality", "starts_at"], name="event_by_municipality"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"),
            models.UniqueConstraint(fields=["source_code", "source_id"], condition=~Q(source_id=""),
                                    name="event_source_unique"),
            models.UniqueConstraint(fields=["series", "session_number"], name="event_session_unique"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        if self.municipality_id:
            self.area_id = self.municipality.area_id
            self.prefecture_id = self.municipality.prefecture_id
        elif self.area_id:
            self.prefecture_id = self.area.prefecture_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.pk])

    @property
    def place(self):
        return self.municipality or self.area or self.prefecture

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_hybrid(self) -> bool:
        return bool(self.online_url and (self.venue_name or self.address))

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed_count, 0)

    @property
    def has_accessibility_info(self) -> bool:
        return bool(self.step_free or self.childcare or self.easy_japanese or self.interpretation
                    or self.accessibility_note)


def new_ticket_code() -> str:
    # 8 characters from an alphabet without look-alikes (0/O, 1/I/L): easy to read aloud and type.
    return new_code(8)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    """参加申込 — one person's (or guest's) place at an event, with its ticket."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="registrations")
    guest_name = models.CharField(_("name"), max_length=80, blank=True)
    guest_email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(max_length=10, default="ja")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    sequence = models.PositiveIntegerField(null=True, blank=True, help_text="Arrival order within the event.")
    code = models.CharField(_("ticket code"), max_length=8, unique=True, default=new_ticket_code)
    secret = models.CharField(max_length=40, unique=True, default=new_secret, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    # A guest agrees that their name and address are used for this event only; when is recorded here.
    consented_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")

    class Meta:
        ordering = ["sequence", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], condition=~Q(status="cancelled"),
                                    name="registration_one_per_person"),
            models.UniqueConstraint(fields=["event", "guest_email"],
                                    condition=~Q(status="cancelled") & ~Q(guest_email=""),
                                    name="registration_one_per_guest"),
            models.CheckConstraint(condition=Q(person__isnull=False) | ~Q(guest_email=""),
                                   name="registration_has_someone"),
        ]
        indexes = [models.Index(fields=["event", "status", "sequence"], name="registration_queue")]

    def __str__(self):
        return f"{self.code} ({self.status})"

    def get_absolute_url(self):
        return reverse("ticket", args=[self.secret])

    @property
    def is_guest(self) -> bool:
        return self.person_id is None

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None
