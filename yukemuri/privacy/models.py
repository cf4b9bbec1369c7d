"""Personal data (個人データ): the person's own copy of it, who looked at it, and to whom it may go."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataExport(models.Model):
    """個人データの書き出し — one "download your data" request: prepared by a task, kept privately (in the
    database, never under a public media address) and downloadable by the person only, until it expires."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    # The ZIP itself; emptied when it expires. A few hundred kilobytes at most: the database keeps it private,
    # backed up and on every server, without a second storage to secure.
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        # At most one export being prepared per person: asking again waits for it (the rate limit).
        constraints = [models.UniqueConstraint(fields=["person"], condition=Q(status="requested"),
                                               name="privacy_one_pending_export")]

    def __str__(self):
        return f"{self.person_id} {self.requested_at:%Y-%m-%d} {self.status}"

    @property
    def is_expired(self) -> bool:
        return self.status == self.Status.READY and (self.expires_at is None or self.expires_at <= timezone.now())

    @property
    def is_downloadable(self) -> bool:
        return self.status == self.Status.READY and not self.is_expired and self.content is not None


class AccessKind(models.TextChoices):
    """What was looked at or exported."""

    EVENT_ATTENDANCE = "attendance", _("An event's attendance list (CSV)")
    TIES_MEMBERS = "ties", _("A municipality's list of people who agreed to be contacted (CSV)")
    SURVEY_ANSWERS = "survey", _("A signed survey's answers, mine among them (CSV)")
    OTHER = "other", _("Other")


class AccessRecord(models.Model):
    """個人データの閲覧記録 — someone viewed or exported the personal data of `person`: one row per person
    concerned per export, shown to that person on their data page."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # The viewer's name as it was, so the record still says who once their account is gone.
    viewer_name = models.CharField(_("by"), max_length=150)
    kind = models.CharField(_("what"), max_length=12, choices=AccessKind.choices)
    about = models.CharField(_("about"), max_length=200, blank=True)  # the event's title, the municipality …
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "at"], name="privacy_access_by_person")]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self):
        return f"{self.viewer_name} → {self.person_id}: {self.kind}"


class DataCategory(models.TextChoices):
    """What category of my data an organisation may receive (提供する情報の種類)."""

    CONTACT = "contact", _("My name and e-mail address, to contact me")
    PROFILE = "profile", _("My profile: skills, interests, languages")
    ACTIVITY = "activity", _("My participation: events, help, ideas I supported")


class RecipientConsent(models.Model):
    """提供先ごとの同意 — the person agrees that one organisation may receive one category of their data.
    Withdrawing keeps the row (with when) and a new grant makes a new one: the history stays."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recipient_consents")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    purpose = models.CharField(_("what may be shared"), max_length=10, choices=DataCategory.choices)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("consent to share with an organisation")
        verbose_name_plural = _("consents to share with organisations")
        constraints = [models.UniqueConstraint(fields=["person", "organisation", "purpose"],
                                               condition=Q(withdrawn_at__isnull=True),
                                               name="privacy_one_live_recipient_consent")]

    def __str__(self):
        return f"{self.person_id} → {self.organisation_id}: {self.purpose}"
