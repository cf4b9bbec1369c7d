"""The operator's dashboard: each figure from known data, the heat map's table, the CSVs (formulas neutralised),
who sees it."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone, translation

from yukemuri.consultations import services as consultations
from yukemuri.consultations.models import Field
from yukemuri.membership.models import Invoice, Membership, Visit
from yukemuri.membership.tests.conftest import make_plans
from yukemuri.operations import selectors
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.models import Booking

TODAY = date(2026, 12, 7)  # a Monday


def aware(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def plans(space):
    return make_plans(space)


def test_members_by_plan_counts_memberships_in_force_each_month(space, plans):
    Membership.objects.create(plan=plans["hourly"], person=PersonFactory(), starts_on=date(2026, 10, 15))
    Membership.objects.create(plan=plans["individual"], person=PersonFactory(), starts_on=date(2026, 11, 1),
                              ends_on=date(2026, 11, 30))
    table = selectors.members_by_plan(space, TODAY, months=3)
    with translation.override("ja"):
        total = translation.gettext("Total")
    assert table.headers[1:] == ["月額法人会員", "月額個人会員", "個人会員（月額会員以外）", total]
    assert table.rows == [["2026-10", 0, 0, 1, 1], ["2026-11", 0, 1, 1, 2], ["2026-12", 0, 0, 1, 1]]


def test_the_heat_map_counts_a_visit_in_every_hour_it_touches(space, plans):
    person = PersonFactory()
    membership = Membership.objects.create(plan=plans["hourly"], person=person, starts_on=date(2026, 11, 1))
    Visit.objects.create(space=space, person=person, membership=membership, checked_in_at=aware(date(2026, 11, 30), 10, 40),
                         checked_out_at=aware(date(2026, 11, 30), 12, 10))
    table = selectors.visits_heatmap(space, TODAY)
    assert table.headers[1] == "10:00" and table.headers[-1] == "20:00"
    monday = table.rows[0]
    assert monday[1:5] == [1, 1, 1, 0]
    assert sum(sum(row[1:]) for row in table.rows[1:]) == 0


def test_occupancy_is_booked_time_over_open_time(space, room):
    monday = TODAY - timedelta(days=7)
    Booking.objects.create(facility=room, person=PersonFactory(), booked_by=PersonFactory(),
                           starts_at=aware(monday, 10), ends_at=aware(monday, 13))
    table = selectors.occupancy(space, TODAY, by="week", n=2)
    # a week of NETSUGEN: 5 × 11 h + 2 × 8 h = 71 h; 3 h booked
    assert table.rows == [[room.name, round(100 * 3 / 71, 1), 0.0]]
    months = selectors.occupancy(space, TODAY, by="month", n=1)
    with translation.override("ja"):
        facility = translation.gettext("Facility")
    assert months.headers == [facility, "2026-12"]


def test_revenue_sums_invoices_per_month(space, plans):
    for n, (month, total) in enumerate([(date(2026, 11, 1), 1000), (date(2026, 11, 1), 2500)]):
        membership = Membership.objects.create(plan=plans["hourly"], person=PersonFactory(),
                                               starts_on=date(2026, 10, 1))
        Invoice.objects.create(space=space, membership=membership, month=month, sequence=n + 1, number=f"N{n}",
                               issued_on=date(2026, 12, 1), issuer_name="運営", recipient="r", tax_mode="inclusive",
                               total=total)
    assert selectors.revenue(space, TODAY, months=2).rows == [["2026-11", 3500], ["2026-12", 0]]


def test_consultations_by_field_leave_out_cancelled_ones(space, slot, member, coordinator, room):
    funding = Field.objects.get(code="funding")
    consultations.book(by=member, slot=slot, field=funding, topic="t", stage="idea", needs="n")
    other = consultations.slot_publish(by=coordinator, starts_at=slot.starts_at + timedelta(hours=2), minutes=60,
                                       online=True)
    cancelled = consultations.book(by=member, slot=other, field=funding, topic="t", stage="idea", needs="n")
    consultations.cancel(by=member, consultation=cancelled)
    rows = dict(selectors.consultations(space, timezone.localdate()).rows)
    assert rows["資金調達"] == 1 and rows["IT・デジタル"] == 0


def test_the_dashboard_page_and_its_csvs(client, space, operator, plans, member):
    client.force_login(member)
    assert client.get(f"/space/dashboard/{space.slug}/").status_code == 403
    client.force_login(operator)
    page = client.get(f"/space/dashboard/{space.slug}/?by=nonsense").content.decode()
    assert 'class="heatmap"' in page and "<svg" in page and 'scope="row"' in page
    for figure in ("members", "visits", "occupancy", "revenue", "consultations"):
        response = client.get(f"/space/dashboard/{space.slug}/{figure}.csv")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert client.get(f"/space/dashboard/{space.slug}/secrets.csv").status_code == 404
    assert client.get("/space/dashboard/nowhere/").status_code == 404


def test_the_csv_neutralises_formulas(client, space, operator, room):
    room.name = "=HYPERLINK(\"http://x\")"
    room.save()
    client.force_login(operator)
    body = client.get(f"/space/dashboard/{space.slug}/occupancy.csv").content.decode()
    assert "'=HYPERLINK" in body
