"""Test data for co-creation spaces: NETSUGEN's hours and the year-end closure of 2026/27, and members (only
members of a space book its rooms: the membership app's booking gate, docs/decisions/0029)."""

from datetime import date, time

from yukemuri.space.models import Closure, Facility, Space, WeeklyHours


def make_space(prefecture, *, name="NETSUGEN", slug="netsugen", operator=None):
    space = Space.objects.create(name=name, slug=slug, prefecture=prefecture, operator=operator,
                                 address="群馬県前橋市大手町1-1-1", address_extra="群馬県庁 31・32階")
    for day in range(5):
        WeeklyHours.objects.create(space=space, day=day, opens=time(10), closes=time(21))
    for day in (5, 6, WeeklyHours.Day.HOLIDAY):
        WeeklyHours.objects.create(space=space, day=day, opens=time(10), closes=time(18))
    Closure.objects.create(space=space, starts_on="2026-12-29", ends_on="2027-01-03",
                           reason=Closure.Reason.YEAR_END)
    return space


def make_room(space, name="会議室A", **kwargs):
    return Facility.objects.create(space=space, name=name, kind=Facility.Kind.ROOM, capacity=8, bookable=True, **kwargs)


def make_members(space, *people, starts_on=date(2026, 1, 1), ends_on=None):
    """Give each person an hourly membership of `space` (個人会員（月額会員以外）, the plan anyone may take)."""
    from yukemuri.membership.models import Membership, MembershipPlan

    plan, _ = MembershipPlan.objects.get_or_create(
        space=space, code="hourly", defaults={"name": "個人会員（月額会員以外）", "kind": "hourly", "hourly_price": 250})
    return [Membership.objects.create(plan=plan, person=person, starts_on=starts_on, ends_on=ends_on)
            for person in people]
