"""Help requests (お手伝い募集): a host asks for helpers — a harvest, snow clearing, a festival, cleaning — in
time slots. Each slot is an events.Event (kind `help`), so capacity, waiting list, guest sign-up, tickets and
check-in are the events app's; this app holds what a request says and which events are its slots."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from yukemuri.core.markdown import render_markdown
from yukemuri.core.models import language_field


class HelpRequest(models.Model):
    """お手伝い募集 — a request for help posted by a verified organisation or a staff member."""

    class Kind(models.TextChoices):
        HARVEST = "harvest", _("Harvest and farm work")
        SNOW = "snow", _("Snow clearing")
        FESTIVAL = "festival", _("Festival")
        CLEANING = "cleaning", _("Cleaning and environment")
        DISASTER = "disaster", _("Disaster support")
        EVENT = "event", _("Help at an event")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    host = models.ForeignKey("organisations.Organisation", verbose_name=_("host"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="help_requests")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=10000)
    description_html = models.TextField(editable=False, default="")
    language = language_field()
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="+")
    place_name = models.CharField(_("place"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    online = models.BooleanField(_("online"), default=False)
    skills = models.ManyToManyField("topics.Skill", verbose_name=_("skills wanted"), blank=True, related_name="+")
    languages = models.JSONField(_("languages wanted"), default=list, blank=True)
    accessibility_note = models.CharField(_("accessibility"), max_length=400, blank=True)
    safety_note = models.CharField(_("safety"), max_length=400, blank=True)
    # What helpers get in return (オカエシ).
    points = models.PositiveIntegerField(_("points per attended slot"), default=0)
    goods = models.CharField(_("goods"), max_length=200, blank=True)
    meal = models.BooleanField(_("a meal"), default=False)
    experience = models.CharField(_("an experience"), max_length=200, blank=True)
    travel_covered = models.BooleanField(_("travel covered"), default=False)
    travel_note = models.CharField(_("about travel"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    disaster = models.BooleanField(_("disaster support (災害支援)"), default=False)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-disaster", "-published_at", "-id"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["status", "disaster"], name="help_public_list")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("help_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def return_items(self) -> list[str]:
        """What a helper gets (オカエシ), in the reader's language: points, goods, a meal, an experience, travel."""
        items = []
        if self.points:
            items.append(ngettext("%(count)s point", "%(count)s points", self.points) % {"count": self.points})
        items += [self.goods] if self.goods else []
        items += [gettext("a meal")] if self.meal else []
        items += [self.experience] if self.experience else []
        items += [gettext("travel covered")] if self.travel_covered else []
        return items

    @property
    def gives_something(self) -> bool:
        return bool(self.points or self.goods or self.meal or self.experience or self.travel_covered)


class HelpSlot(models.Model):
    """募集枠 — one time slot of a request: an event (date, times, helpers needed as its capacity)."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="slots")
    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="help_slot")
    # The matching engine's opening for this slot (volunteer kind), made when the host first asks for suggestions.
    opening = models.OneToOneField("matching.Opening", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="help_slot")

    class Meta:
        ordering = ["event__starts_at", "id"]
        verbose_name = _("help slot")
        verbose_name_plural = _("help slots")

    def __str__(self):
        return f"{self.request_id}: {self.event_id}"
