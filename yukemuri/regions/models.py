"""Prefecture → areas → municipalities, each with its official code."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .codes import validate_code


class LocalisedName(models.Model):
    name = models.CharField(_("name"), max_length=40)
    kana = models.CharField(_("reading (kana)"), max_length=60, blank=True)
    romaji = models.CharField(_("name (romaji)"), max_length=60, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """Kanji for Japanese readers, romaji for everyone else."""
        if (get_language() or "ja").startswith("ja") or not self.romaji:
            return self.name
        return self.romaji


class Prefecture(LocalisedName):
    """都道府県 — a prefecture, the top of the region tree."""

    code = models.CharField(_("local government code"), max_length=6, unique=True, validators=[validate_code])

    class Meta:
        ordering = ["code"]
        verbose_name = _("prefecture")
        verbose_name_plural = _("prefectures")

    @property
    def jis_code(self) -> str:
        """The two-digit prefecture number (群馬県 = 10)."""
        return self.code[:2]


class Area(LocalisedName):
    """エリア — a group of municipalities the prefecture's workshops are organised by (e.g. 甘楽富岡)."""

    prefecture = models.ForeignKey(Prefecture, on_delete=models.CASCADE, related_name="areas")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["prefecture", "sort_order", "id"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [models.UniqueConstraint(fields=["prefecture", "name"], name="area_unique_name")]


class Municipality(LocalisedName):
    """市町村 — a city, town or village with its 全国地方公共団体コード."""

    class Kind(models.TextChoices):
        CITY = "city", _("city")
        TOWN = "town", _("town")
        VILLAGE = "village", _("village")
        WARD = "ward", _("ward")

    code = models.CharField(_("local government code"), max_length=6, unique=True, validators=[validate_code])
    prefecture = models.ForeignKey(Prefecture, on_delete=models.CASCADE, related_name="municipalities")
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="municipalities"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
