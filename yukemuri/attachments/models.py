"""Photos and files attached to posts."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.models import Moderatable


class Attachment(Moderatable):
    """添付 — a photo or a file (PDF) on a post, known as (content type, id).

    Photos are stored re-encoded, without any metadata; the place where a photo was taken is kept here, and only
    when its author chose to share it. A moderator may hide one photo (`visibility`); the post's own moderation
    hides all of them (they are served only to those who may read the post)."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        FILE = "file", _("File")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # Named `author` so that the action stream and moderation treat an uploader as any poster.
    author = models.ForeignKey("people.User", verbose_name=_("added by"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="attachments")
    file = models.FileField(_("file"), upload_to="attachments/", max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to="attachments/", max_length=200, blank=True)
    mime = models.CharField(_("media type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    thumb_width = models.PositiveIntegerField(null=True, blank=True)
    thumb_height = models.PositiveIntegerField(null=True, blank=True)
    alt = models.CharField(_("description"), max_length=300, blank=True,
                           help_text=_("What the photo shows, for people who cannot see it."))
    name = models.CharField(_("file name"), max_length=120, blank=True)  # a file's name as shown, not stored
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["content_type", "object_id", "kind"], name="attachment_of_post")]

    def __str__(self):
        return self.alt or self.name or f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_photo(self) -> bool:
        return self.kind == self.Kind.PHOTO

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def get_absolute_url(self):
        return reverse("attachment_file", args=[self.pk])

    @property
    def thumbnail_url(self) -> str:
        return reverse("attachment_thumbnail", args=[self.pk])
