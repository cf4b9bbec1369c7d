"""Ideas (未来の種) and what people do with them: comment, support, follow."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.markdown import render_markdown
from yukemuri.core.models import Moderatable, Post, Support


class Stage(models.TextChoices):
    """Where an idea stands. Every idea starts as a seed; later stages come with the implementation work."""

    SEED = "seed", _("Seed")


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
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

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


class Follow(models.Model):
    """フォロー — a person who wants to hear what happens to an idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "person"], name="idea_follow_unique")]

    def __str__(self):
        return f"{self.person_id} → {self.idea_id}"
