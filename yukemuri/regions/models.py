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


class AgeBand(models.TextChoices):
    """年代 — the ten-year bands people may give on their profile, and that population counts and surveys use."""

    UNDER_20 = "10s", _("19 or younger")
    TWENTIES = "20s", _("20–29")
    THIRTIES = "30s", _("30–39")
    FORTIES = "40s", _("40–49")
    FIFTIES = "50s", _("50–59")
    SIXTIES = "60s", _("60–69")
    SEVENTIES = "70s", _("70–79")
    EIGHTY_PLUS = "80+", _("80 or older")

    @classmethod
    def for_age(cls, age: int) -> "AgeBand":
        if age < 20:
            return cls.UNDER_20
        if age >= 80:
            return cls.EIGHTY_PLUS
        return cls(f"{age // 10 * 10}s")


class PopulationCount(models.Model):
    """地域・年齢別人口 — residents of a municipality in one age band on a date (住民基本台帳), for participation
    rates per 1,000 residents and for weighting survey answers to the population."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="population_counts",
                                     verbose_name=_("municipality"))
    as_of = models.DateField(_("as of"))
    age_band = models.CharField(_("age band"), max_length=3, choices=AgeBand.choices)
    count = models.PositiveIntegerField(_("residents"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["municipality", "-as_of", "age_band"]
        verbose_name = _("population count")
        verbose_name_plural = _("population counts")
        constraints = [models.UniqueConstraint(fields=["municipality", "as_of", "age_band"],
                                               name="population_one_count_per_band")]

    def __str__(self):
        return f"{self.municipality_id} {self.as_of} {self.age_band}: {self.count}"


class Boundary(models.Model):
    """行政区域 — a municipality's outline for the map: GeoJSON MultiPolygon coordinates in WGS 84 ([lon, lat]),
    loaded from 国土数値情報 (N03) with the credit its licence asks to show (`source`)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="boundary",
                                        verbose_name=_("municipality"))
    polygons = models.JSONField(_("outline"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self):
        return f"{self.municipality_id}: {len(self.polygons)} polygon(s)"
