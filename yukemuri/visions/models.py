"""地域別未来ビジョン — an area's (or a municipality's) vision of its future, its revisions, its stewards, the dated
updates they write and the yearly review (docs/decisions/0034-visions-and-evaluation.md)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.markdown import render_markdown


class Vision(models.Model):
    """地域ビジョン — one area's vision, or one municipality's inside its area. Its text lives in its revisions;
    `version` is the number of the current (latest published) one."""

    area = models.ForeignKey("regions.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="visions")
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="visions")
    version = models.PositiveIntegerField(_("version"), default=0)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["area__sort_order", "area_id", "municipality__code"]
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        constraints = [
            models.UniqueConstraint(fields=["area"], condition=Q(municipality__isnull=True), name="vision_one_per_area"),
            models.UniqueConstraint(fields=["municipality"], condition=Q(municipality__isnull=False),
                                    name="vision_one_per_municipality"),
        ]

    def __str__(self):
        return str(self.municipality or self.area)

    def get_absolute_url(self):
        from .selectors import area_key

        if self.municipality_id:
            return reverse("vision_municipality", args=[area_key(self.area), self.municipality.code])
        return reverse("vision_area", args=[area_key(self.area)])

    @property
    def place(self):
        return self.municipality or self.area

    @property
    def area_url(self) -> str:
        from .selectors import area_key

        return reverse("vision_area", args=[area_key(self.area)])


def render_vision(text: str) -> str:
    """Sanitised HTML of a vision's Markdown. render_markdown puts a post's ## headings at h4 (under a post page's
    h2 and h3); a vision's text stands under the page's one h2, so its ## headings come up a level, to h3."""
    html = render_markdown(text)
    for level in (4, 5, 6):
        html = html.replace(f"<h{level}>", f"<h{level - 1}>").replace(f"</h{level}>", f"</h{level - 1}>")
    return html


class Revision(models.Model):
    """版 — one published version of a vision, kept for ever: its text (Markdown with headings), its themes and
    SDG goals, the issues and ideas it answers and the workshop series that produced it."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=30000, help_text=_("Markdown: ## starts a heading."))
    body_html = models.TextField(editable=False, default="")
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    themes = models.ManyToManyField("topics.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    sdgs = models.ManyToManyField("topics.SDGGoal", verbose_name=_("SDGs"), blank=True, related_name="+")
    issues = models.ManyToManyField("issues.Issue", verbose_name=_("issues it answers"), blank=True, related_name="+")
    ideas = models.ManyToManyField("ideas.Idea", verbose_name=_("ideas it answers"), blank=True, related_name="+")
    series = models.ManyToManyField("events.Series", verbose_name=_("workshops that produced it"), blank=True,
                                    related_name="+")
    by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        ordering = ["vision", "-number"]
        constraints = [models.UniqueConstraint(fields=["vision", "number"], name="vision_revision_number")]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    def save(self, *args, **kwargs):
        self.body_html = render_vision(self.body)
        super().save(*args, **kwargs)


class Steward(models.Model):
    """ビジョンの担い手 — a person the staff named to keep a vision: writes its updates and its yearly review."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="stewards")
    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="stewarded_visions")
    named_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    named_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vision", "person"], name="vision_steward_once")]

    def __str__(self):
        return f"{self.person_id} → {self.vision_id}"


class Update(models.Model):
    """フォローアップ — a dated account of what happened around a vision, written by a steward."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField(_("date"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=10000)
    body_html = models.TextField(editable=False, default="")
    by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)


class Review(models.Model):
    """年次レビュー — a vision's yearly review (Japanese fiscal year, April–March): what moved, what stalled.
    Prefilled from the stage changes of that year, edited by a steward, public once published."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    moved = models.TextField(_("what moved"), max_length=10000, blank=True)
    stalled = models.TextField(_("what stalled"), max_length=10000, blank=True)
    next_steps = models.TextField(_("next steps"), max_length=10000, blank=True)
    moved_count = models.PositiveIntegerField(_("ideas that moved forward"), default=0)
    stalled_count = models.PositiveIntegerField(_("ideas that stalled"), default=0)
    by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["vision", "-year"]
        constraints = [models.UniqueConstraint(fields=["vision", "year"], name="vision_review_per_year")]

    def __str__(self):
        return f"{self.vision} FY{self.year}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
