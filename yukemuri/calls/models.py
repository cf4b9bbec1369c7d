"""Calls for proposals (公募): staff ask companies and organisations for their know-how (民間ノウハウの活用, seed 004)
— a market sounding (サウンディング調査) or a call for private proposals (民間提案) — and the proposals answering them.

A proposal is confidential until the call's deadline and stays private afterwards: only staff, its submitter and
the members of the organisation it was submitted for read it (calls/rules.py). What the public learns is the
summary staff publish after the deadline, without the parts the proposer marked confidential.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _random_name(folder: str) -> str:
    # Never the uploaded name: it could say something, collide, or try to climb out of MEDIA_ROOT.
    return f"calls/{folder}/{secrets.token_hex(16)}.pdf"


def document_path(instance, filename):
    return _random_name("documents")


def proposal_file_path(instance, filename):
    return _random_name("proposals")


class Call(models.Model):
    """公募 — a call for proposals published by staff, open until its deadline."""

    class Kind(models.TextChoices):
        SOUNDING = "sounding", _("Market sounding")  # サウンディング調査
        PROPOSAL = "proposal", _("Call for private proposals")  # 民間提案

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SOUNDING)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=4000)
    # What the call concerns: an issue, a public facility (公共施設一覧) or a public service named in words.
    issue = models.ForeignKey("issues.Issue", verbose_name=_("issue"), on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    facility = models.ForeignKey("facilities.PublicFacility", verbose_name=_("public facility"),
                                 on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    service = models.CharField(_("public service"), max_length=200, blank=True)
    questions = models.TextField(_("questions"), max_length=4000, help_text=_("One question a line."))
    eligibility = models.TextField(_("who may answer"), max_length=2000, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+")
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    summary = models.TextField(_("summary of the proposals"), max_length=8000, blank=True)
    decision = models.TextField(_("decision"), max_length=4000, blank=True)
    summary_published_at = models.DateTimeField(_("summary published at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        indexes = [models.Index(fields=["kind", "published_at"], name="call_kind_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("call_detail", args=[self.pk])

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.deadline

    @property
    def has_summary(self) -> bool:
        return self.summary_published_at is not None


class Document(models.Model):
    """募集要項など — a PDF published with a call (guidelines, floor plans)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self):
        return self.title


class Question(models.Model):
    """質問 — asked by anyone signed in; published to everyone once staff answer it."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="qa")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("question"), max_length=2000)
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["asked_at", "id"]

    def __str__(self):
        return f"Q{self.pk} ({self.call_id})"


class Proposal(models.Model):
    """提案 — a company's or organisation's answer to a call. `answers` holds one {"text", "confidential"} per
    question of the call, in order; confidential parts never reach the public summary."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="proposals")
    # The proposal is the organisation's: it stays when the person who typed it leaves (their name goes with them).
    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=list)
    submitted_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    idea = models.ForeignKey("ideas.Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "organisation"], name="one_proposal_per_organisation")]

    def __str__(self):
        # Kept in the action stream: says nothing of the content.
        return f"Proposal #{self.pk} to call #{self.call_id}"

    def get_absolute_url(self):
        return reverse("call_proposal", args=[self.call_id, self.pk])

    @property
    def person_id(self):  # the action stream's `concerns`: the submitter
        return self.submitter_id

    def rows(self):
        """(question, text, confidential) for each question of the call."""
        answers = list(self.answers or [])
        return [(question, *(lambda a: (a.get("text", ""), bool(a.get("confidential"))))(
            answers[i] if i < len(answers) else {})) for i, question in enumerate(self.call.question_list)]


class ProposalFile(models.Model):
    """A PDF attached to a proposal; `confidential` when the proposer marked it so."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=proposal_file_path, max_length=200)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    confidential = models.BooleanField(_("confidential"), default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self):
        return f"File #{self.pk} of proposal #{self.proposal_id}"
