"""Reads of the region tree."""

from django.db.models import Prefetch

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
