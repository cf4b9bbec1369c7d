"""Reads of visions, already joined for the pages (and for the KPI page above, kpi reads `kpi_rows`)."""

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Prefetch
from django.utils.text import slugify

from yukemuri.core.fiscal import fiscal_year_bounds
from yukemuri.core.text import id_from
from yukemuri.ideas.models import Stage
from yukemuri.ideas.selectors import ideas_working_on, stage_changes_between
from yukemuri.regions.models import Area, Municipality

from . import diff
from .models import Review, Revision, Steward, Update, Vision

TOKYO = ZoneInfo("Asia/Tokyo")


def area_key(area) -> str:
    """The address part of an area: its romaji as a slug (甘楽富岡 → kanra-tomioka), else its id."""
    return slugify(area.romaji) or str(area.pk)


def area_by_key(key: str):
    """The area an address names, by slug or id; None for anything else (never an error)."""
    key = (key or "")[:80]
    if key.isdigit():  # an id, or nothing: never a slug
        number = id_from(key)
        return Area.objects.filter(pk=number).first() if number is not None else None
    return next((area for area in Area.objects.all() if area_key(area) == key), None)


def municipality_in(area, code: str):
    if not code.isdigit() or len(code) != 6:
        return None
    return Municipality.objects.filter(area=area, code=code).first()


def _with_current(visions):
    """The visions with `.current`, their latest revision."""
    visions = list(visions.prefetch_related(Prefetch(
        "revisions", queryset=Revision.objects.order_by("-number").prefetch_related("themes", "sdgs"),
        to_attr="all_revisions")))
    for vision in visions:
        vision.current = vision.all_revisions[0] if vision.all_revisions else None
    return visions


@dataclass
class AreaEntry:
    area: object
    key: str
    vision: object = None
    municipal: list = field(default_factory=list)


def by_area() -> list[AreaEntry]:
    """Every area with its vision (or None) and its municipalities' visions, in the prefecture's order."""
    visions = _with_current(Vision.objects.filter(version__gt=0).select_related("area", "municipality"))
    entries = {area.pk: AreaEntry(area, area_key(area)) for area in Area.objects.all()}
    for vision in visions:
        entry = entries[vision.area_id]
        if vision.municipality_id:
            entry.municipal.append(vision)
        else:
            entry.vision = vision
    return list(entries.values())


def vision_of(area, municipality=None):
    vision = Vision.objects.select_related("area", "municipality").filter(
        area=area, municipality=municipality).first()
    if vision is None:
        return None
    vision.current = revision_of(vision, vision.version)
    return vision


def vision_by_pk(pk: int):
    vision = Vision.objects.select_related("area", "municipality").filter(pk=pk).first()
    if vision is not None:
        vision.current = revision_of(vision, vision.version)
    return vision


def municipal_visions(area):
    return _with_current(Vision.objects.filter(area=area, municipality__isnull=False, version__gt=0)
                         .select_related("area", "municipality"))


def revision_of(vision, number):
    return (Revision.objects.filter(vision=vision, number=number).select_related("by")
            .prefetch_related("themes", "sdgs", "issues", "ideas", "series").first())


def revisions_of(vision):
    return Revision.objects.filter(vision=vision).select_related("by").order_by("-number")


def stewards_of(vision):
    return Steward.objects.filter(vision=vision).select_related("person").order_by("named_at", "id")


def updates_of(vision, limit=None):
    updates = Update.objects.filter(vision=vision).select_related("by")
    return updates[:limit] if limit else updates


def reviews_of(vision, *, published_only=True):
    reviews = Review.objects.filter(vision=vision)
    return reviews.filter(published_at__isnull=False) if published_only else reviews


def review_of(vision, year):
    return Review.objects.filter(vision=vision, year=year).first()


@dataclass
class Comparison:
    old: object
    new: object
    text: list
    title: tuple  # (old, new) or None when the same
    lists: list  # (label, added, removed)


def compare(old, new) -> Comparison:
    """What changed from revision `old` to revision `new`: the text by block, the title, the linked lists."""
    from django.utils.translation import gettext_lazy as _

    def names(revision, attr):
        return [str(item) for item in getattr(revision, attr).all()]

    lists = []
    for attr, label in (("themes", _("Themes")), ("sdgs", _("SDGs")), ("issues", _("Issues it answers")),
                        ("ideas", _("Ideas it answers")), ("series", _("Workshops that produced it"))):
        added, removed = diff.listed(names(old, attr), names(new, attr))
        if added or removed:
            lists.append((label, added, removed))
    return Comparison(old, new, diff.compare(old.body, new.body),
                      None if old.title == new.title else (old.title, new.title), lists)


@dataclass
class ThemeIdeas:
    theme: object  # None: the ideas the vision names that carry none of its themes
    ideas: list


def follow_up(vision) -> list[ThemeIdeas]:
    """For each theme of the current version, the ideas working on it (placed in the vision's place and tagged
    with the theme, or named by the vision) with their stages; read through the ideas app's selectors."""
    current = getattr(vision, "current", None) or revision_of(vision, vision.version)
    if current is None:
        return []
    themes = list(current.themes.all())
    named = [idea.pk for idea in current.ideas.all()]
    ideas = list(ideas_working_on(theme_ids=[t.pk for t in themes], idea_ids=named, area_id=vision.area_id,
                                  municipality_id=vision.municipality_id))
    groups, placed = [], set()
    for theme in themes:
        working = [idea for idea in ideas if theme in idea.themes.all()]
        placed.update(idea.pk for idea in working)
        groups.append(ThemeIdeas(theme, working))
    rest = [idea for idea in ideas if idea.pk not in placed]
    if rest:
        groups.append(ThemeIdeas(None, rest))
    return groups


@dataclass
class Prefill:
    moved: list  # (idea, [stage changes forward in the year])
    stalled: list  # (idea, why) — paused or closed in the year, or not moved at all while not yet running


def review_prefill(vision, year: int) -> Prefill:
    """What moved and what stalled in fiscal `year` among the ideas working on the vision's themes, from the
    ideas' stage changes in that year."""
    from django.utils.translation import gettext as _

    start, end = fiscal_year_bounds(year)
    ideas = [idea for group in follow_up(vision) for idea in group.ideas]
    ideas = list({idea.pk: idea for idea in ideas}.values())
    changes: dict[int, list] = {}
    for change in stage_changes_between([idea.pk for idea in ideas], start, end):
        changes.setdefault(change.idea_id, []).append(change)
    moved, stalled = [], []
    for idea in ideas:
        mine = changes.get(idea.pk, [])
        forward = [c for c in mine if c.kind == "advance"]
        stops = [c for c in mine if c.kind in ("pause", "close", "back")]
        if forward:
            moved.append((idea, forward))
        if stops:
            stalled.append((idea, "; ".join(f"{c.get_kind_display()}: {c.reason}".rstrip(": ") for c in stops)))
        elif not forward and idea.created_at < end and Stage.index(idea.stage) < Stage.index(Stage.RUNNING):
            stalled.append((idea, _("No stage change this year (at %(stage)s).") % {
                "stage": idea.get_stage_display()}))
    return Prefill(moved, stalled)


def prefill_text(prefill: Prefill) -> tuple[str, str]:
    """The prefill as the two texts a steward edits (Markdown lists)."""
    moved = "\n".join(
        f"- {idea.title}: " + " → ".join(str(Stage(c.to_stage).label) for c in forward)
        + f" ({forward[-1].at.astimezone(TOKYO):%Y-%m-%d})"
        for idea, forward in prefill.moved)
    stalled = "\n".join(f"- {idea.title}: {why}" for idea, why in prefill.stalled)
    return moved, stalled


@dataclass
class KpiRow:
    vision: object
    updates: int
    last_update: object
    review: object  # the latest published review or None


def kpi_rows() -> list[KpiRow]:
    """For the KPI page (地域ビジョンのフォローアップ): each published vision, its updates and latest review."""
    visions = (Vision.objects.filter(version__gt=0).select_related("area", "municipality")
               .annotate(update_count=Count("updates", distinct=True), last_update=Max("updates__written_on")))
    reviews: dict[int, Review] = {}
    for review in Review.objects.filter(published_at__isnull=False).order_by("vision_id", "-year"):
        reviews.setdefault(review.vision_id, review)
    return [KpiRow(v, v.update_count, v.last_update, reviews.get(v.pk)) for v in visions]
