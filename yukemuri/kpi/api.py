from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema

from yukemuri.core.api import check_params, responses

from .export import indicator_data
from .indicators import cocreation_initiatives
from .selectors import indicator_detail, indicator_list

router = Router(tags=["indicators"])


class YearOut(Schema):
    fiscal_year: int
    new: int
    cumulative: int
    target: int | None
    by_area: dict[str, int]


class IndicatorOut(Schema):
    name: str
    total: int
    years: list[YearOut]


@router.get("/kpi/cocreation-initiatives", response=responses(IndicatorOut),
            summary="KPI 地域ビジョンから生まれた共創の取組件数 (cumulative, by fiscal year and area)")
def cocreation(request):
    """Ideas born at a workshop session that reached the pilot stage or later, by the Japanese fiscal year
    (April–March) in which they first did; cumulative, with the plan's targets and per area."""
    check_params(request, set())
    indicator = cocreation_initiatives()
    return {"name": "地域ビジョンから生まれた共創の取組件数", "total": indicator.total,
            "years": [{"fiscal_year": r.year, "new": r.new, "cumulative": r.cumulative, "target": r.target,
                       "by_area": r.by_area} for r in indicator.rows]}


class BaselineOut(Schema):
    split: str
    year: int
    value: float | None


class RevisionOut(Schema):
    old_value: float | None
    new_value: float | None
    revised_on: str
    reason: str


class TargetOut(Schema):
    split: str
    year: int
    value: float | None
    comparison: str
    qualitative: str
    revisions: list[RevisionOut]


class ValueOut(Schema):
    year: int
    split: str
    area: str
    value: float
    source: str
    computed: bool
    entered_at: str
    has_file: bool


class ProgressOut(Schema):
    split: str
    status: str
    latest_year: int | None
    latest_value: float | None
    target_year: int | None
    target_value: float | None
    expected: float | None


class NoteOut(Schema):
    year: int
    assessment: str
    cause: str
    next_action: str


class IndicatorDetailOut(Schema):
    slug: str
    number: int | None
    name: str
    name_en: str
    unit: str
    sdg_goals: str
    sdg_targets: str
    source: str
    method: str
    cumulative: bool
    by_area: bool
    fiscal_years: bool
    rule: str  # how the platform counts it (computed), or why staff enter it; empty for statistics from outside
    baselines: list[BaselineOut]
    targets: list[TargetOut]
    values: list[ValueOut]
    progress: list[ProgressOut]
    notes: list[NoteOut]


class IndicatorListOut(Schema):
    count: int
    results: list[IndicatorDetailOut]


@router.get("/indicators", response=responses(IndicatorListOut),
            summary="Every indicator (指標) with its baselines, targets, values, progress and PDCA notes")
def indicators(request):
    """Every KPI of the plan and the platform's own counts. Progress: on track when the latest value is at or past
    the straight line from the baseline to the nearest target in that year; targets in words are not judged."""
    check_params(request, set())
    items = list(indicator_list())
    return {"count": len(items), "results": [indicator_data(item) for item in items]}


@router.get("/indicators/{slug}", response=responses(IndicatorDetailOut, with_404=True),
            summary="One indicator (指標) by its key")
def indicator(request, slug: str = Path(..., max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")):
    check_params(request, set())
    item = indicator_detail(slug)
    if item is None:
        raise Http404(_("There is no such indicator."))
    return indicator_data(item)
