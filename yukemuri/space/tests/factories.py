"""Test data for co-creation spaces: NETSUGEN's hours and the year-end closure of 2026/27."""

from datetime import time

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
