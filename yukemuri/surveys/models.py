"""アンケート — surveys (the 幸福度 survey of issue 16 and any other): questions written by staff, answers
given anonymously or signed, through an open link or an invitation, weighted to the population.

Anonymity is kept by the tables' shape: an anonymous answer (`Response`) has no person and no invitation;
that an invitation or a browser was used is kept apart (`InvitationUse`, `LinkUse`), without a time, so
nothing joins an answer back to whoever gave it (docs/decisions/0021-surveys.md)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from yukemuri.regions.models import AgeBand


def _localised(japanese: str, english: str) -> str:
    """As staff wrote it; the English text for readers of other languages when there is one."""
    if (get_language() or "ja").startswith("ja") or not english:
        return japanese
    return english


class Survey(models.Model):
    """アンケート — a questionnaire: draft while staff write it, open while people answer, then closed."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("survey", "Draft")
        OPEN = "open", pgettext_lazy("survey", "Open")
        CLOSED = "closed", pgettext_lazy("survey", "Closed")

    class Access(models.TextChoices):
        LINK = "link", _("Anyone with the link")
        INVITATION = "invitation", _("Invited people only (by area and age band)")

    title = models.CharField(_("title (Japanese)"), max_length=150)
    title_en = models.CharField(_("title (English, optional)"), max_length=150, blank=True)
    intro = models.TextField(_("introduction (Japanese)"), max_length=2000, blank=True)
    intro_en = models.TextField(_("introduction (English, optional)"), max_length=2000, blank=True)
    anonymous = models.BooleanField(_("anonymous answers"), default=True,
                                    help_text=_("Anonymous answers are kept without any link to the person. "
                                                "Signed ones are kept with the person's account, one per person."))
    access = models.CharField(_("who may answer"), max_length=12, choices=Access.choices, default=Access.LINK)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    published = models.BooleanField(_("results public"), default=False)
    is_demo = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("survey_manage", args=[self.pk])

    @property
    def display_title(self) -> str:
        return _localised(self.title, self.title_en)

    @property
    def display_intro(self) -> str:
        return _localised(self.intro, self.intro_en)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def results_public(self) -> bool:
        return self.status == self.Status.CLOSED and self.published


class Kind(models.TextChoices):
    LIKERT = "likert", _("Agreement, 1 to 5")
    SCALE = "scale", _("Scale, 0 to 10")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    NUMBER = "number", _("A number")
    TEXT = "text", _("Free text")


NUMERIC_KINDS = (Kind.LIKERT, Kind.SCALE, Kind.NUMBER)
CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)


class Question(models.Model):
    """設問 — one question. Its text is data staff write (Japanese, and English if they wish); choices are
    kept as [[Japanese, English], …] and answered by their number, 1 first."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("question (Japanese)"), max_length=300)
    text_en = models.CharField(_("question (English, optional)"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)
    choices = models.JSONField(default=list, blank=True)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)
    # Shown only when the answer to an earlier question is among these values (likert/scale: the number as
    # text; choices: the choice's number as text).
    condition_question = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                           related_name="+", verbose_name=_("show only if the answer to"))
    condition_values = models.JSONField(default=list, blank=True)
    # Free-text answers sent to broad listening (a conversation of their own), once the survey is closed.
    conversation = models.ForeignKey("listening.Conversation", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", editable=False)

    class Meta:
        ordering = ["survey", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:60]

    @property
    def display_text(self) -> str:
        return _localised(self.text, self.text_en)

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    def options(self) -> list[tuple[str, str]]:
        """(value, label) of each possible answer of a Likert, 0–10 or choice question, in the reader's language."""
        if self.kind == Kind.LIKERT:
            return [(str(v), str(label)) for v, label in LIKERT_LABELS]
        if self.kind == Kind.SCALE:
            return [(str(v), str(v)) for v in range(11)]
        if self.kind in CHOICE_KINDS:
            return [(str(n), _localised(ja, en)) for n, (ja, en) in enumerate(self.choices, start=1)]
        return []


LIKERT_LABELS = [
    (1, _("1 — Strongly disagree")), (2, _("2 — Disagree")), (3, _("3 — Neither")), (4, _("4 — Agree")),
    (5, _("5 — Strongly agree")),
]


class Invitation(models.Model):
    """招待 — one person asked to answer, with the link's token and the cell (area, age band) the answer will
    be counted in, copied from their profile when they were invited."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=48, unique=True, default=secrets.token_urlsafe, editable=False)
    area = models.ForeignKey("regions.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    age_band = models.CharField(max_length=3, choices=AgeBand.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="survey_one_invitation_per_person")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"invitation {self.pk} to survey {self.survey_id}"

    def get_absolute_url(self):
        return reverse("survey_invited", args=[self.token])


class InvitationUse(models.Model):
    """An invitation was answered. Its own table, keyed by the invitation (so the database refuses a second
    use, even of two posts at once) and with no time and no link to the answer."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, primary_key=True, related_name="use")

    def __str__(self):
        return f"used {self.invitation_id}"


class LinkUse(models.Model):
    """A browser (a keyed hash of its cookie) answered an open-link survey; kept apart from the answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    device = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "device"], name="survey_one_answer_per_device")]

    def __str__(self):
        return f"{self.survey_id}:{self.device[:8]}"


class Response(models.Model):
    """回答 — one person's answers. `person` only on signed surveys; the area and age band are the cell the
    weighting counts it in (blank when unknown). Only the day is kept, not the time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    area = models.ForeignKey("regions.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    age_band = models.CharField(max_length=3, choices=AgeBand.choices, blank=True)
    submitted_on = models.DateField(default=timezone.localdate)
    is_demo = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "person"], condition=Q(person__isnull=False),
                                               name="survey_one_response_per_person")]
        indexes = [models.Index(fields=["survey", "area", "age_band"], name="survey_responses_by_cell")]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self):
        return f"response {self.pk} to survey {self.survey_id}"


class Answer(models.Model):
    """One answer to one question: a number (Likert, 0–10, number), chosen choice numbers, or text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.FloatField(null=True, blank=True)
    chosen = models.JSONField(default=list, blank=True)
    text = models.TextField(max_length=4000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="survey_one_answer_per_question")]

    def __str__(self):
        return f"answer {self.pk}"
