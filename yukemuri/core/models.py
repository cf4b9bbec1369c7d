"""Shared model pieces: moderation visibility for anything people post."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .markdown import render_markdown
from .text import fold


def site_languages() -> list[str]:
    """The codes of the site's languages (settings.LANGUAGES: read each time, a language may be added)."""
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES]


def written_language() -> str:
    """書かれた言語 — the language a new text is taken to be written in: the writer's current site language.

    The model default of every `language` field; outside a request (a command, a migration) the site's own."""
    from django.conf import settings
    from django.utils import translation

    current = translation.get_language() or settings.LANGUAGE_CODE
    codes = site_languages()
    if current in codes:
        return current
    try:
        return translation.get_supported_language_variant(current)
    except LookupError:
        return settings.LANGUAGE_CODE


def language_field():
    """The `language` field of what people write. No choices here: a new site language needs no migration."""
    return models.CharField(_("language"), max_length=12, default=written_language,
                            help_text=_("The language this text is written in."))


class Visibility(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden by a moderator")


class ModeratableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(visibility=Visibility.PUBLISHED)


class Moderatable(models.Model):
    """Something people post that moderators can hold or hide (see yukemuri.moderation)."""

    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLISHED
    )
    moderation_reason = models.TextField(_("moderation reason"), blank=True)

    objects = ModeratableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.visibility == Visibility.PUBLISHED

    def author_id_for_moderation(self):
        """The id of the person who posted this; models override when the field has another name."""
        return getattr(self, "author_id", None)


class Channel(models.TextChoices):
    """経路 — how a post reached the site: typed by its author, or entered for them (docs/decisions/0026)."""

    WEB = "web", _("Online")
    SUPPORTER = "supporter", _("With a supporter's help")
    PAPER = "paper", _("On a paper form")
    PHONE = "phone", _("By phone")


class Post(Moderatable):
    """What issues and ideas share: a titled Markdown text placed in the region and tagged."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("description"), max_length=20000, help_text=_("Markdown is supported."))
    body_html = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    prefecture = models.ForeignKey(
        "regions.Prefecture", verbose_name=_("prefecture"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        "regions.Area", verbose_name=_("area"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "regions.Municipality", verbose_name=_("municipality"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    # 広域 — the other municipalities the post concerns besides its own (docs/decisions/0036): lists filtered by a
    # municipality and counts per municipality or area find the post in each. The through table's indexes on
    # (post, municipality) and municipality serve those lookups.
    municipalities = models.ManyToManyField(
        "regions.Municipality", verbose_name=_("also concerns"), blank=True, related_name="shared_%(class)ss",
        help_text=_("Other municipalities this concerns too (広域)."),
    )
    # A place to mark on the map (optional, WGS 84).
    latitude = models.FloatField(_("latitude"), null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])
    sdgs = models.ManyToManyField("topics.SDGGoal", verbose_name=_("SDGs"), blank=True, related_name="%(class)ss")
    themes = models.ManyToManyField("topics.Theme", verbose_name=_("themes"), blank=True, related_name="%(class)ss")
    author = models.ForeignKey(
        "people.User", verbose_name=_("posted by"), on_delete=models.SET_NULL, null=True, related_name="%(class)ss"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("on behalf of"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="%(class)ss",
    )
    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    # Entered for a person without a device (the support app): the page says so, the reports count it apart.
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    language = language_field()
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.search_text = fold(f"{self.title}\n{self.body}")
        if self.municipality_id:
            # The municipality decides the area and prefecture, so filters by area always find it.
            self.area_id = self.municipality.area_id
            self.prefecture_id = self.municipality.prefecture_id
        elif self.area_id:
            self.prefecture_id = self.area.prefecture_id
        if kwargs.get("update_fields") is not None:
            derived = {"body_html", "search_text", "area", "prefecture", "updated_at"}
            kwargs["update_fields"] = set(kwargs["update_fields"]) | derived
        super().save(*args, **kwargs)

    @property
    def place(self):
        return self.municipality or self.area or self.prefecture

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Support(models.Model):
    """One person's support (共感・応援) of a post; concrete models add the `target` key."""

    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
