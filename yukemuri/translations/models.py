"""Translations of posts, and how often each post is read (for the volunteers' queue)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.markdown import render_markdown
from yukemuri.core.models import Moderatable


class Translation(Moderatable):
    """翻訳 — a post's title and body in another language.

    Written by a person (`author`: the post's author or a volunteer translator) or by a machine (`provider`
    names the service; `author` stays empty until a volunteer edits the draft, which makes it theirs).
    Moderated like the posts themselves; only published ones are shown."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=12)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), max_length=20000, blank=True)
    body_html = models.TextField(editable=False, default="")
    # Named `author` so that moderation treats a translator as it treats any poster (held first posts, queue).
    author = models.ForeignKey("people.User", verbose_name=_("translated by"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="translations")
    provider = models.CharField(_("machine translation by"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["language", "id"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="one_translation_per_language"),
        ]

    def __str__(self):
        return f"{self.language}: {self.title or self.body[:60]}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"body_html", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_machine(self) -> bool:
        return bool(self.provider) and self.author_id is None

    @property
    def key(self) -> str:
        from . import registry

        return registry.for_content_type_id(self.content_type_id).key


class ReadCount(models.Model):
    """閲覧数 — how many times a post's page was read, flushed from the cache by a periodic task (reads.py)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    count = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_read_count_per_post")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} read {self.count}"
