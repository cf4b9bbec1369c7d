"""Ideas (未来の種) and what people do with them: comment, support, follow."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yukemuri.core.markdown import render_markdown
from yukemuri.core.models import Moderatable, Post, Support, language_field


class Stage(models.TextChoices):
    """Where an idea stands on its way from a workshop table to a running project, in this order."""

    SEED = "seed", _("Seed")
    TEAM = "team", _("Team")
    PLAN = "plan", _("Plan")
    FUNDING = "funding", _("Funding")
    PILOT = "pilot", _("Pilot")  # 実証
    RUNNING = "running", _("Running")  # 実装
    SPREAD = "spread", _("Spreading")  # 横展開

    @classmethod
    def index(cls, value) -> int:
        return cls.values.index(value)


class Status(models.TextChoices):
    """Whether an idea moves at all; a paused or closed idea keeps its stage."""

    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class Idea(Post):
    """未来の種 — an idea that answers regional issues, proposed by a person (and maybe an organisation)."""

    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.SEED)
    issues = models.ManyToManyField(
        "issues.Issue", verbose_name=_("issues it answers"), blank=True, related_name="ideas"
    )
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    origin_event = models.ForeignKey(
        "events.Event", verbose_name=_("born at"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="born_ideas", help_text="生まれた場 — the workshop session it came from.",
    )
    follower_count = models.PositiveIntegerField(_("followers"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    # The plan (計画): what the plan stage asks for.
    goal = models.TextField(_("goal"), blank=True, max_length=2000)
    first_step = models.TextField(_("first step"), blank=True, max_length=2000)
    resources = models.TextField(_("resources needed"), blank=True, max_length=2000)
    municipal_partner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("municipal partner"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="partnered_ideas",
    )
    pilot_starts_on = models.DateField(_("pilot starts on"), null=True, blank=True)
    budget_line = models.CharField(
        _("budget line"), max_length=200, blank=True,
        help_text=_("A public budget that pays for the pilot, e.g. the name of the programme and fiscal year."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["visibility", "-created_at", "-id"], name="idea_list_new"),
            models.Index(fields=["visibility", "-support_count", "-id"], name="idea_list_supported"),
            models.Index(fields=["municipality", "visibility", "-created_at"], name="idea_by_municipality"),
            models.Index(fields=["area", "visibility", "-created_at"], name="idea_by_area"),
        ]

    def get_absolute_url(self):
        return reverse("idea_detail", args=[self.pk])

    @property
    def proposer(self):
        return self.author


class Comment(Moderatable):
    """コメント — a comment on an idea; replies point to their parent and to the thread's first comment."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    root = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(_("comment"), max_length=5000)
    body_html = models.TextField(editable=False, default="")
    language = language_field()
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    # A guest's comment (no account): held until its e-mail link is followed, then for the moderators
    # (notifications/guests.py); name and address go once an account takes it over.
    guest_name = models.CharField(_("name"), max_length=80, blank=True)
    guest_email = models.EmailField(_("e-mail address"), blank=True)
    guest_language = models.CharField(max_length=10, blank=True)
    guest_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["idea", "parent", "created_at"], name="comment_threads"),
            models.Index(fields=["root", "created_at"], name="comment_replies"),
        ]

    def __str__(self):
        return self.body[:60]

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)


class IdeaSupport(Support):
    """応援 — one person's support of an idea (at most one each)."""

    target = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "person"], name="idea_support_unique")]


class GuestSupport(models.Model):
    """ゲストの応援 — a support given without an account: it counts once its e-mail link is followed, and
    becomes the person's own support when they prove the address with an account (never counted twice)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="guest_supports")
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(max_length=10, default="ja")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "email"], name="idea_guest_support_once")]
        indexes = [models.Index(fields=["email"], name="idea_guest_support_email")]

    def __str__(self):
        return f"guest → {self.idea_id}"


class Follow(models.Model):
    """フォロー — a person who wants to hear what happens to an idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "person"], name="idea_follow_unique")]

    def __str__(self):
        return f"{self.person_id} → {self.idea_id}"


class StageChange(models.Model):
    """One step in an idea's history: a move between stages, a pause, a close or a resumption."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", _("moved forward")
        BACK = "back", _("moved back")
        PAUSE = "pause", _("paused")
        RESUME = "resume", _("resumed")
        CLOSE = "close", _("closed")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="stage_changes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_stage = models.CharField(max_length=10, choices=Stage.choices)
    to_stage = models.CharField(max_length=10, choices=Stage.choices)
    by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["to_stage", "at"], name="stage_change_reached")]

    def __str__(self):
        return f"{self.idea_id}: {self.from_stage} → {self.to_stage}"


class Adoption(models.Model):
    """横展開 — another municipality took the idea up."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="adoptions")
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="+")
    adopted_on = models.DateField(_("adopted on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["adopted_on", "id"]
        constraints = [models.UniqueConstraint(fields=["idea", "municipality"], name="adoption_unique")]

    def __str__(self):
        return f"{self.idea_id} @ {self.municipality_id}"


class Milestone(models.Model):
    """A milestone on the way, with a due date; done or not."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def is_late(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class Outcome(models.Model):
    """成果指標 — what an idea at pilot or beyond measures against the goal it set (e.g. 試食会の参加者数, 人, 300)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="outcomes")
    indicator = models.CharField(_("indicator"), max_length=120)
    unit = models.CharField(_("unit"), max_length=20)
    goal = models.DecimalField(_("goal"), max_digits=14, decimal_places=2)
    goal_by = models.DateField(_("goal by"), null=True, blank=True)
    created_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["idea", "indicator"], name="outcome_indicator_once")]

    def __str__(self):
        return self.indicator


class Measurement(models.Model):
    """実績値 — one measured value of an outcome, on a date."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["measured_on", "id"]

    def __str__(self):
        return f"{self.outcome_id}: {self.value} @ {self.measured_on}"


class Decision(models.TextChoices):
    """継続・見直し・中止 — what a yearly evaluation decides for a running project."""

    CONTINUE = "continue", pgettext_lazy("evaluation decision", "Continue")
    CHANGE = "change", pgettext_lazy("evaluation decision", "Change")
    STOP = "stop", pgettext_lazy("evaluation decision", "Stop")


class Evaluation(models.Model):
    """年次評価 — an idea's yearly evaluation (fiscal year) by its team: what worked, what did not, and the decision
    to continue, change or stop; a coordinator (or staff) confirms it."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    worked = models.TextField(_("what worked"), max_length=5000)
    did_not_work = models.TextField(_("what did not work"), max_length=5000)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    written_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["idea", "year"], name="evaluation_per_year")]

    def __str__(self):
        return f"{self.idea_id} FY{self.year}: {self.decision}"
