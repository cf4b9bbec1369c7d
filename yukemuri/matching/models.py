"""Matching (マッチング): what people offer, what openings ask, and the suggestions the engine makes."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SLOTS = [(f"{day}-{part}", f"{day}-{part}") for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
         for part in ("am", "pm", "eve")]


class Profile(models.Model):
    """マッチングの条件 — how far a person travels, when they are free and how much they take on."""

    person = models.OneToOneField("people.User", on_delete=models.CASCADE, related_name="matching_profile")
    travel_km = models.PositiveSmallIntegerField(_("how far I travel (km)"), default=20)
    online_only = models.BooleanField(_("online only"), default=False)
    availability = models.JSONField(_("when I am free"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("how many things I take on at once"), default=2)

    def __str__(self):
        return f"profile of {self.person_id}"


class Opening(models.Model):
    """募集 — anything the engine finds people for: a role of an idea, a creator brief, a volunteer task."""

    class Kind(models.TextChoices):
        ROLE = "role", _("Role on an idea")
        CREATOR = "creator", _("Creator brief")
        VOLUNTEER = "volunteer", _("Volunteer task")
        CONSULTATION = "consultation", _("Consultation")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    role = models.OneToOneField("teams.RoleWanted", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="opening")
    brief = models.OneToOneField("issues.CreatorBrief", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="opening")
    task = models.OneToOneField("matching.VolunteerTask", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="opening")
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(max_length=300, blank=True)
    skills_required = models.ManyToManyField("topics.Skill", blank=True, related_name="+")
    skills_preferred = models.ManyToManyField("topics.Skill", blank=True, related_name="+")
    sdgs = models.JSONField(default=list, blank=True)
    creator_kinds = models.JSONField(default=list, blank=True)
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    online = models.BooleanField(default=False)
    language = models.CharField(max_length=5, blank=True)
    slots = models.JSONField(default=list, blank=True)
    count = models.PositiveSmallIntegerField(default=1)
    is_open = models.BooleanField(default=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    created_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class VolunteerDay(models.Model):
    """ボランティアの日 — a day of helping (like ヒダスケ!): a date, a place and its tasks."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    date = models.DateField(_("date"))
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("place"), max_length=200, blank=True)
    idea = models.ForeignKey("ideas.Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return self.title


class VolunteerTask(models.Model):
    day = models.ForeignKey(VolunteerDay, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    helpers = models.PositiveSmallIntegerField(_("helpers needed"), default=1)
    skills = models.ManyToManyField("topics.Skill", verbose_name=_("skills that help"), blank=True, related_name="+")
    part = models.CharField(_("time of day"), max_length=3, choices=[("am", _("morning")), ("pm", _("afternoon")),
                                                                     ("eve", _("evening"))], default="am")

    def __str__(self):
        return self.title


class Suggestion(models.Model):
    """おすすめ — the engine suggests a person for an opening, with its reasons; the person answers."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        LATER = "later", _("Not now")

    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="suggestions")
    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="suggestions")
    score = models.FloatField()
    why = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFERED)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["opening", "person"], name="one_suggestion_per_pair")]
        indexes = [models.Index(fields=["person", "status"], name="suggestion_inbox")]

    def __str__(self):
        return f"{self.person_id} → {self.opening_id} ({self.status})"
