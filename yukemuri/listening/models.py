"""Broad listening (広聴): conversations of short statements that anyone can vote on, without an account."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DEMOGRAPHICS = {
    "age_band": (_("Age"), [("-19", _("19 or younger")), ("20-39", _("20–39")), ("40-64", _("40–64")),
                            ("65-", _("65 or older"))]),
    "resident": (_("Do you live in the region?"), [("yes", _("I live here")), ("no", _("I live elsewhere"))]),
    "area": (_("Area"), None),  # the prefecture's areas
}


class Conversation(models.Model):
    """対話 — a question, seed statements from the organisers, and everyone's votes."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("conversation", "Open")
        CLOSED = "closed", pgettext_lazy("conversation", "Closed")

    title = models.CharField(_("title"), max_length=120)
    question = models.TextField(_("question"), max_length=1000)
    issue = models.ForeignKey("issues.Issue", verbose_name=_("issue"), on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="conversations")
    idea = models.ForeignKey("ideas.Idea", verbose_name=_("idea"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="conversations")
    area = models.ForeignKey("regions.Area", verbose_name=_("area"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    event = models.ForeignKey("events.Event", verbose_name=_("workshop session"), on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="+")
    demographics = models.JSONField(_("questions about participants"), default=list, blank=True)
    min_votes = models.PositiveSmallIntegerField(_("votes needed to be on the map"), default=7)
    collect_opinions = models.BooleanField(_("also collect free comments"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # The state the analysis reads moves `version` on (votes, moderation, comments, flags); `votes_cast`
    # counts votes. The stored analysis records the version and count it was computed from, so a vote that
    # arrives while it runs leaves it stale instead of being forgotten, and an older run never replaces a
    # newer result (report.py).
    version = models.PositiveBigIntegerField(default=0, editable=False)
    votes_cast = models.PositiveIntegerField(default=0, editable=False)
    analysed_version = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    analysed_votes = models.PositiveIntegerField(default=0, editable=False)
    analysed_at = models.DateTimeField(null=True, blank=True)
    analysis = models.JSONField(null=True, blank=True, editable=False)
    # Single flight: a run holds `analysis_started_at`; `analysis_queued_at` says a task is already waiting.
    analysis_queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    analysis_started_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conversation", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_stale(self) -> bool:
        return self.analysed_version is None or self.version > self.analysed_version

    @property
    def new_votes(self) -> int:
        """Votes cast since the state the stored analysis was computed from."""
        return max(self.votes_cast - self.analysed_votes, 0)


class Statement(models.Model):
    """意見 — one short statement to agree or disagree with; participants' ones wait for a moderator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("statement"), max_length=280)
    participant = models.ForeignKey("listening.Participant", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="statements")
    seed = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # A guest's statement (no account): it reaches the moderators once its e-mail link is followed
    # (notifications/guests.py); name and address go once an account takes it over.
    guest_name = models.CharField(_("name"), max_length=80, blank=True)
    guest_email = models.EmailField(_("e-mail address"), blank=True)
    guest_language = models.CharField(max_length=10, blank=True)
    guest_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


# Statements of guests whose e-mail link was not followed yet: nobody reviews them (nor sees them) until it is.
AWAITING_GUEST = models.Q(guest_confirmed_at__isnull=True) & ~models.Q(guest_email="")


def _key() -> str:
    return secrets.token_urlsafe(16)


class Participant(models.Model):
    """参加者 — a pseudonymous participant of one conversation: a browser, later maybe linked to an account."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    key = models.CharField(max_length=40, default=_key, unique=True)
    person = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answers = models.JSONField(default=dict, blank=True)  # demographic answers, given with consent
    consented_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # A keyed hash of the client address the participant was made from (never the address itself), to cap
    # and spot many new participants from one place; `flagged` marks those made in such a burst.
    address = models.CharField(max_length=32, blank=True, editable=False)
    flagged = models.BooleanField(_("made in a burst from one address"), default=False)
    # A paper ballot (紙の投票用紙) entered by staff: its printed number; one participant per number (paper.py).
    ballot = models.PositiveIntegerField(_("ballot number"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "person"], condition=models.Q(person__isnull=False),
                                               name="one_participant_per_account"),
                       models.UniqueConstraint(fields=["conversation", "ballot"], condition=models.Q(ballot__isnull=False),
                                               name="one_participant_per_ballot")]
        indexes = [models.Index(fields=["conversation", "address", "created_at"], name="participants_by_address")]

    def __str__(self):
        return f"participant {self.pk}"


class Vote(models.Model):
    """賛成・反対・パス — one vote per participant and statement; changing it keeps one row."""

    AGREE, PASS, DISAGREE = 1, 0, -1
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=[(1, _("Agree")), (0, _("Pass")), (-1, _("Disagree"))])
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "statement"], name="one_vote_per_statement")]
        indexes = [models.Index(fields=["statement", "value"], name="vote_totals")]

    def __str__(self):
        return f"{self.participant_id} {self.value:+d} on {self.statement_id}"


class Opinion(models.Model):
    """自由意見 — a free comment, written here or imported from a public-comment file (パブリックコメント).
    Participants' ones wait for a moderator before they count in the topics."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="opinions")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField(_("opinion"), max_length=4000)
    imported = models.BooleanField(default=False)
    accepted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # The item of the published table this comment is counted in (none until staff draft the table).
    item = models.ForeignKey("listening.ResultItem", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="opinions")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


class ResultTable(models.Model):
    """パブリックコメントの結果 — the table a ministry publishes after a public-comment round: items, each with
    御意見の概要 (a summary), 御意見に対する考え方 (the answer) and how many comments it stands for. A draft is
    seen by the organisers only; published, by everyone (tables.py)."""

    conversation = models.OneToOneField(Conversation, on_delete=models.CASCADE, related_name="result_table")
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    # True from the staff's request until the background task has drafted the items (tables.draft_fill);
    # `draft_queued_at` says when the task was last asked for, so a task lost with its worker can be asked again.
    drafting = models.BooleanField(default=False)
    draft_queued_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"table of {self.conversation_id}"

    def get_absolute_url(self):
        return reverse("result_table", args=[self.conversation_id])


class ResultItem(models.Model):
    """項目 — one row of the published table: the comments it stands for are those whose `item` it is."""

    table = models.ForeignKey(ResultTable, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    summary = models.TextField(_("summary of the comments (御意見の概要)"), max_length=4000, blank=True)
    answer = models.TextField(_("our answer (御意見に対する考え方)"), max_length=4000, blank=True)
    # The topic it was drafted from and that topic's distinctive terms, shown beside the summary as a hint.
    topic = models.CharField(max_length=40, blank=True, editable=False)
    terms = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"item {self.position}"
