"""Reads of the region tree."""

import time

from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Area, Municipality, Prefecture


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
