from ninja import Router, Schema

from yukemuri.core.api import check_params, responses

from .indicators import cocreation_initiatives

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
