"""Regional issues (地域課題)."""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yukemuri.core.markdown import render_markdown
from yukemuri.core.models import Post, Support
from yukemuri.people.models import CreatorKind


class AnswerState(models.TextChoices):
    """回答状況 — where the municipality or organisation stands on an issue (official answers, issue 20)."""

    RECEIVED = "received", _("Received")
    CONSIDERING = "considering", _("Under consideration")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("official answer", "Done")
    NOT_POSSIBLE = "not_possible", _("Not possible")


class Issue(Post):
    """地域課題 — a problem of the region, posted by a municipality, a resident or an organisation."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADDRESSED = "addressed", _("Being addressed")
        RESOLVED = "resolved", _("Resolved")
        ARCHIVED = "archived", _("Archived")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # The state of the latest official answer ("" while none): a copy kept by services.answer_issue, so that
    # cards, lists and maps show it without reading the answers (OfficialAnswer holds the history).
    answer_state = models.CharField(_("official answer"), max_length=12, blank=True, default="", db_index=True,
                                    choices=AnswerState.choices)
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


class GuestSupport(models.Model):
    """ゲストの応援 — 「私も困っている」 without an account: it counts once its e-mail link is followed, and becomes
    the person's own support when they prove the address with an account (never counted twice; issues/guests.py)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="guest_supports")
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(max_length=10, default="ja")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "email"], name="issue_guest_support_once")]
        indexes = [models.Index(fields=["email"], name="issue_guest_support_email")]  # claimed by address

    def __str__(self):
        return f"guest → {self.issue_id}"


class CreatorBrief(models.Model):
    """クリエイター募集 — what an issue asks of creators: the work wanted, which kinds, a budget."""

    class Status(models.TextChoices):
        # A context: an issue's "Open" means unresolved; a brief's means it still looks for creators.
        OPEN = "open", pgettext_lazy("creator brief", "Open")
        CLOSED = "closed", pgettext_lazy("creator brief", "Closed")

    issue = models.OneToOneField(Issue, on_delete=models.CASCADE, related_name="creator_brief")
    wanted = models.TextField(_("what is wanted"), max_length=2000)
    kinds = models.JSONField(_("kinds of creator wanted"), default=list)
    budget_yen = models.PositiveBigIntegerField(_("budget (yen)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    set_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("creator brief")
        verbose_name_plural = _("creator briefs")
        indexes = [models.Index(fields=["status", "-updated_at"], name="creator_brief_open")]

    def __str__(self):
        return f"{self.issue_id}: {self.wanted[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def kind_choices(self) -> list[tuple[str, str]]:
        """(value, label) of the kinds wanted, in the list's order."""
        return [(value, label) for value, label in CreatorKind.choices if value in self.kinds]

    @property
    def creators_url(self) -> str:
        """The creators page filtered by the kinds wanted."""
        return reverse("creator_list") + "?" + urlencode([("kind", value) for value, _label in self.kind_choices])


class OfficialAnswer(models.Model):
    """公式回答 — a public answer to an issue by the municipality or organisation it concerns.

    Every answer is kept: the answers of an issue are its history, each dated; the latest one is the issue's
    current answer (its state is copied to `Issue.answer_state` in the same transaction, for cards and maps)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="official_answers")
    state = models.CharField(_("state"), max_length=12, choices=AnswerState.choices)
    body = models.TextField(_("answer"), max_length=5000, help_text=_("Markdown is supported."))
    body_html = models.TextField(editable=False, default="")
    reason = models.TextField(_("reason"), max_length=2000, blank=True,
                              help_text=_("Why it is not possible (required for “Not possible”)."))
    answered_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    # On whose behalf: the organisation that answers (the municipality's own, or the one the issue names).
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    created_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")
        indexes = [models.Index(fields=["issue", "-created_at", "-id"], name="official_answer_latest")]

    def __str__(self):
        return f"{self.issue_id}: {self.state}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)
