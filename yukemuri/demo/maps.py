"""地図 (デモ, issue 20): the municipalities' boundaries, a few demo issues and ideas marked on the map, and one
広域 issue shared by three neighbouring municipalities. Loading again changes nothing: the boundaries are compared
before they are written, the points are set to the same values, the shared issue is made once."""

from functools import partial
from pathlib import Path

from yukemuri.issues import services as issues
from yukemuri.regions.loader import load_boundaries
from yukemuri.regions.models import Municipality

BOUNDARIES = Path(__file__).resolve().parent.parent / "regions" / "data" / "gunma" / "boundaries.geojson"

# Approximate places (a few hundred metres), for the demo only.
POINTS = {
    "i-akiya": (36.4905, 139.0010),  # 渋川市の旧市街
    "d-akiya": (36.4890, 139.0035),
    "i-oze": (36.9300, 139.2400),  # 尾瀬ヶ原
    "d-oze": (36.9050, 139.2080),  # 鳩待峠
    "i-tomioka-shops": (36.2560, 138.8900),  # 富岡製糸場の近く
}

SHARED = ("i-kouiki-bus", "渋川・吉岡・榛東をまたぐ路線バスが減っている",
          "渋川駅から吉岡町、榛東村へ向かう路線バスの本数が減り、高校生と車を運転しない高齢者の移動が難しく"
          "なっています。一つの町村だけでは路線を支えきれないため、三市町村で一緒に考える場が必要です。（デモ）",
          "102083", ("103454", "103446"), [11, 3], ["公共交通", "広域連携"], "p-sato")


def load_maps_demo(get, once) -> None:
    """Boundaries, points and the 広域 issue (`once` counts what it creates)."""
    load_boundaries(BOUNDARIES)
    for key, (latitude, longitude) in POINTS.items():
        post = get(key)
        if post is not None and (post.latitude, post.longitude) != (latitude, longitude):
            # An update, not a service call: the demo marks its own posts without an editor or a new version.
            type(post).objects.filter(pk=post.pk).update(latitude=latitude, longitude=longitude)
    key, title, body, code, others, sdgs, themes, author = SHARED
    once(key, partial(
        issues.issue_create, author=get(author), title=title, body=body,
        place={"municipality": Municipality.objects.get(code=code)}, sdg_numbers=sdgs, theme_names=themes,
        municipalities=list(Municipality.objects.filter(code__in=others).order_by("code")),
    ))

