"""Reads of the region tree."""

import time

from django.db.models import Max, Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Area, Municipality, PopulationCount, Prefecture


def prefectures_with_tree():
    """Every prefecture with its areas and their municipalities (three queries whatever the size)."""
    return Prefecture.objects.prefetch_related(
        Prefetch("areas", queryset=Area.objects.prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("code"))
        )),
        Prefetch("municipalities", queryset=Municipality.objects.filter(area__isnull=True)),
    )


def municipality_by_code(code: str):
    return Municipality.objects.select_related("prefecture", "area").filter(code=code).first()


def municipalities(prefecture_code: str | None = None):
    qs = Municipality.objects.select_related("prefecture", "area").order_by("code")
    if prefecture_code:
        qs = qs.filter(prefecture__code__startswith=prefecture_code[:2])
    return qs


def default_prefecture():
    return Prefecture.objects.order_by("code").first()


_memo: dict = {}
MEMO_SECONDS = 300  # regions change a few times a decade; another process's reload shows within minutes


def municipalities_by_area() -> list:
    """[(area name, [(code, municipality name), …]), …] in the current language, memoised per process:
    every list page offers this select, and it is the same for every request."""
    language = get_language() or "ja"
    cached = _memo.get(language)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    groups: dict = {}
    for municipality in Municipality.objects.select_related("area").order_by("area__sort_order", "code"):
        label = municipality.area.display_name if municipality.area else _("Other")
        groups.setdefault(label, []).append((municipality.code, municipality.display_name))
    _memo[language] = (time.monotonic() + MEMO_SECONDS, list(groups.items()))
    return _memo[language][1]


def forget_memos() -> None:
    _memo.clear()


def population_by_band(prefecture_code: str | None = None) -> dict[str, dict[str, int]]:
    """Residents per municipality code and age band, from each municipality's latest count (地域・年齢別人口).
    Municipalities without a count are absent: callers say so rather than divide by nothing."""
    counts = PopulationCount.objects.all()
    if prefecture_code:
        counts = counts.filter(municipality__prefecture__code__startswith=prefecture_code[:2])
    rows = counts.order_by("municipality__code", "-as_of").values_list("municipality__code", "as_of", "age_band",
                                                                        "count")
    latest: dict[str, object] = {}
    found: dict[str, dict[str, int]] = {}
    for code, as_of, band, count in rows:
        if latest.setdefault(code, as_of) != as_of:
            continue  # an older count of a municipality already read at a later date
        found.setdefault(code, {})[band] = count
    return found


def population_as_of(prefecture_code: str | None = None):
    """The date of the latest population count (None when none is loaded)."""
    counts = PopulationCount.objects.all()
    if prefecture_code:
        counts = counts.filter(municipality__prefecture__code__startswith=prefecture_code[:2])
    return counts.aggregate(latest=Max("as_of"))["latest"]


def boundaries() -> tuple[float, dict[str, list], list[str]]:
    """(token, {municipality code: MultiPolygon coordinates}, [credits to show]) of every loaded boundary,
    memoised per process like the select above; `token` changes whenever they are read anew (after a load in this
    process, or MEMO_SECONDS), so what is drawn from them can be memoised under it."""
    from .models import Boundary

    cached = _memo.get("boundaries")
    if cached and cached[0] > time.monotonic():
        return cached[1]
    rows = Boundary.objects.order_by("municipality__code").values_list("municipality__code", "polygons", "source")
    outlines, sources = {}, []
    for code, polygons, source in rows:
        outlines[code] = polygons
        if source and source not in sources:
            sources.append(source)
    now = time.monotonic()
    _memo["boundaries"] = (now + MEMO_SECONDS, (now, outlines, sources))
    return _memo["boundaries"][1]
