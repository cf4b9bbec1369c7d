"""指標 — the plan's KPIs: what each measures, its baselines and targets (with their revisions), the values
entered by staff or computed by the platform, and the staff's PDCA notes per year.

Numbers are decimals in the indicator's own unit (億円, %, 人 …) so that every row of seed 001 fits without
rounding; a `split` label (男性/女性, 小６/中３, 一般/産業) keeps the parts of one indicator apart.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]
VALUE = {"max_digits": 20, "decimal_places": 4}


class Indicator(models.Model):
    """指標 — one KPI of the plan."""

    class Method(models.TextChoices):
        ENTERED = "entered", _("Entered by staff")
        COMPUTED = "computed", _("Computed by the platform")

    slug = models.SlugField(_("key"), unique=True, max_length=60)
    number = models.PositiveSmallIntegerField(_("number in the plan"), default=0)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    sdg_goals = models.CharField(_("SDG goals"), max_length=60, blank=True, help_text=_("Numbers, e.g. 1,2,5,9"))
    sdg_targets = models.CharField(_("SDG targets"), max_length=120, blank=True, help_text=_("e.g. 8.2, 9.5"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    method = models.CharField(_("how values come"), max_length=10, choices=Method.choices, default=Method.ENTERED)
    by_area = models.BooleanField(_("has values by area"), default=False)
    cumulative = models.BooleanField(_("cumulative"), default=False)
    fiscal_years = models.BooleanField(_("years are fiscal years"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "number", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicator", args=[self.slug])


class Baseline(models.Model):
    """基準値 — where an indicator stood when the plan was made (one per split); no value when the seed says －."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="baselines")
    split = models.CharField(_("split"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), null=True, blank=True, **VALUE)

    class Meta:
        ordering = ["indicator", "split"]
        constraints = [models.UniqueConstraint(fields=["indicator", "split"], name="kpi_baseline_one_per_split")]
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")

    def __str__(self):
        return f"{self.indicator} {self.split} {self.year}: {self.value}"


class IndicatorTarget(models.Model):
    """目標値 — a value to reach by a year (at least or at most), or a target in words (「2021年度より増加」)."""

    class Comparison(models.TextChoices):
        AT_LEAST = "gte", _("or more (以上)")
        AT_MOST = "lte", _("or less (以下)")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    split = models.CharField(_("split"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), null=True, blank=True, **VALUE)
    comparison = models.CharField(_("comparison"), max_length=3, choices=Comparison.choices,
                                  default=Comparison.AT_LEAST)
    qualitative = models.CharField(_("target in words"), max_length=200, blank=True)

    class Meta:
        ordering = ["indicator", "year", "split"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "split", "year"], name="kpi_target_one_per_year"),
            models.CheckConstraint(condition=~models.Q(value__isnull=True, qualitative=""),
                                   name="kpi_target_value_or_words"),
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return f"{self.indicator} {self.split} {self.year}: {self.qualitative or self.value}"

    def clean(self):
        if self.value is None and not self.qualitative:
            raise ValidationError(_("A target needs a value or words."))


class TargetRevision(models.Model):
    """目標の見直し — a target changed: from what to what, when and why."""

    target = models.ForeignKey(IndicatorTarget, on_delete=models.CASCADE, related_name="revisions")
    old_value = models.DecimalField(_("old value"), null=True, blank=True, **VALUE)
    new_value = models.DecimalField(_("new value"), null=True, blank=True, **VALUE)
    revised_on = models.DateField(_("revised on"))
    reason = models.TextField(_("reason"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")

    class Meta:
        ordering = ["target", "revised_on", "id"]
        verbose_name = _("target revision")
        verbose_name_plural = _("target revisions")

    def __str__(self):
        return f"{self.target}: {self.old_value} → {self.new_value}"


class IndicatorValue(models.Model):
    """実績値 — one value of an indicator for a year (and a split, an area), with where it comes from: entered by
    staff (source, who, when, optionally the file it was read from) or computed by the platform."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    split = models.CharField(_("split"), max_length=30, blank=True)
    # An area or municipality name as the source gives it ("" = the whole prefecture).
    area = models.CharField(_("area or municipality"), max_length=60, blank=True)
    value = models.DecimalField(_("value"), **VALUE)
    source = models.CharField(_("source"), max_length=300, blank=True)
    computed = models.BooleanField(_("computed by the platform"), default=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    # The evidence file is kept in the row (small, checked: CSV, PDF or XLSX) so no media storage is needed.
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_data = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["indicator", "year", "split", "area", "-entered_at", "-id"]
        indexes = [models.Index(fields=["indicator", "year"], name="kpi_value_indicator_year")]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self):
        return f"{self.indicator} {self.year} {self.split} {self.area}: {self.value}"


class PdcaNote(models.Model):
    """PDCA — the staff's assessment of an indicator for a year, the cause and the next action."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="notes")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    assessment = models.TextField(_("assessment"), max_length=4000)
    cause = models.TextField(_("cause"), max_length=4000, blank=True)
    next_action = models.TextField(_("next action"), max_length=4000, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["indicator", "-year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="kpi_note_one_per_year")]
        verbose_name = _("PDCA note")
        verbose_name_plural = _("PDCA notes")

    def __str__(self):
        return f"{self.indicator} {self.year}"
