"""The co-creation spaces' facilities in the read API: /api/v1/facilities and a facility's hours on a day.

Not the 公共施設一覧 (yukemuri/facilities, published as open data files): these are the bookable parts of a
co-creation space such as NETSUGEN."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Router, Schema

from yukemuri.core.api import BadRequest, check_params, id_path, one_or_404, responses, text_query

from . import selectors

router = Router(tags=["co-creation spaces"])


class SpaceFacilityOut(Schema):
    id: int
    name: str
    kind: str
    space: str
    space_slug: str
    capacity: int | None
    bookable: bool
    accessibility: str
    equipment: str
    url: str


class HoursOut(Schema):
    date: str
    open: str | None = None
    close: str | None = None
    closed: bool | None = None


@router.get("/facilities", response=responses(list[SpaceFacilityOut]),
            summary="Facilities of the co-creation spaces (共創スペース)")
def list_facilities(request):
    """Every facility of every co-creation space (the open space, rooms, the studio, the kitchen), in order."""
    check_params(request, set())
    return [{"id": f.pk, "name": f.name, "kind": f.kind, "space": f.space.name, "space_slug": f.space.slug,
             "capacity": f.capacity, "bookable": f.bookable, "accessibility": f.accessibility,
             "equipment": f.equipment, "url": f.get_absolute_url()} for f in selectors.facilities()]


def _date(text: str) -> date:
    try:
        day = date.fromisoformat(text) if len(text) == 10 and text[4] == "-" and text[7] == "-" else None
    except ValueError:
        day = None
    if day is None:
        raise BadRequest(_("Give the date as YYYY-MM-DD."),
                         errors=[{"parameter": "date", "detail": _("Give the date as YYYY-MM-DD."), "code": "invalid"}])
    return day


@router.get("/facilities/{int:facility_id}/hours", response=responses(HoursOut, with_404=True),
            exclude_none=True, summary="A facility's opening hours on a day")
def facility_hours(request, facility_id: int = id_path(),
                   date: str = text_query(10, "YYYY-MM-DD (Japan time); today if left out.",
                                          pattern=r"^(\d{4}-\d{2}-\d{2})?$", example="2027-01-11")):
    """`{"date": …, "open": "10:00", "close": "18:00"}`, or `{"date": …, "closed": true}` when the space is
    closed that day (weekly hours, Japan's public holidays, the year end and other closures)."""
    check_params(request, {"date"})
    day = _date(date) if date else selectors.today()
    facility = one_or_404(selectors.facilities(), facility_id, _("No facility has the id %(id)s."))
    hours = selectors.schedule_of(facility.space_id).hours(day)
    if hours is None:
        return {"date": day.isoformat(), "closed": True}
    return {"date": day.isoformat(), "open": f"{hours.opens:%H:%M}", "close": f"{hours.closes:%H:%M}"}
