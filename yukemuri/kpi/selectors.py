"""Reads of the indicators."""

from django.db.models import Prefetch

from .models import Baseline, Indicator, IndicatorTarget, IndicatorValue, PdcaNote


def indicator_list():
    """Every indicator with its baselines, targets and values (the whole-prefecture ones and by area)."""
    return Indicator.objects.prefetch_related(
        Prefetch("baselines", queryset=Baseline.objects.order_by("split")),
        Prefetch("targets", queryset=IndicatorTarget.objects.prefetch_related("revisions").order_by("year", "split")),
        Prefetch("values", queryset=IndicatorValue.objects.defer("file_data").order_by(
            "year", "split", "area", "-entered_at", "-id")),
        Prefetch("notes", queryset=PdcaNote.objects.order_by("-year")))


def indicator_detail(slug: str) -> Indicator | None:
    if not isinstance(slug, str) or len(slug) > 60:
        return None
    return indicator_list().filter(slug=slug).first()


def values_of(indicator) -> list:
    """The values in force, one per (year, split, area): the latest entered wins (a correction is a new entry)."""
    seen, result = set(), []
    for row in indicator.values.all():
        key = (row.year, row.split, row.area)
        if key not in seen:
            seen.add(key)
            result.append(row)
    return result


def value_file(indicator, pk: int) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(indicator=indicator, pk=pk).exclude(file_name="").first()
