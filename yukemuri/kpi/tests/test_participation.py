"""参加率: people who took part per 1,000 residents by area and age band, against a hand computation, and the
suppression of small counts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from yukemuri.events import services as events
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.models import Comment, IdeaSupport
from yukemuri.issues.models import Issue
from yukemuri.kpi.indicators import fiscal_year
from yukemuri.kpi.participation import Cell, participation, suppress
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality, PopulationCount

SHIBUKAWA, KATASHINA = "102083", "104434"  # areas 北群馬渋川 and 利根沼田


def residents(code, as_of, **bands):
    municipality = Municipality.objects.get(code=code)
    for band, count in bands.items():
        PopulationCount.objects.create(municipality=municipality, as_of=as_of, age_band=band, count=count)


def people(n, code, band):
    return [PersonFactory(home_municipality=Municipality.objects.get(code=code) if code else None, age_band=band)
            for _ in range(n)]


@pytest.fixture
def town(gunma, make_issue, make_idea):
    """Population: 渋川市 20s 4,000 + 30s 6,000 (an older count of 99,999 must be ignored); 片品村 20s 300 +
    30s 700. Participants this fiscal year: 12 of 渋川市 in their 20s posted issues (one also supported an idea: once),
    3 of 渋川市 in their 30s supported an idea, 11 of 片品村 in their 30s registered for an event, one of 片品村 with
    no age band commented, 2 with no home municipality posted; one of 渋川市 posted last fiscal year only."""
    residents(SHIBUKAWA, date(2020, 1, 1), **{"20s": 99_999})
    residents(SHIBUKAWA, date(2025, 1, 1), **{"20s": 4_000, "30s": 6_000})
    residents(KATASHINA, date(2025, 1, 1), **{"20s": 300, "30s": 700})
    author = PersonFactory()
    idea = make_idea(author)
    posters = people(12, SHIBUKAWA, "20s")
    for someone in posters:
        make_issue(someone)
    IdeaSupport.objects.create(target=idea, person=posters[0])
    for someone in people(3, SHIBUKAWA, "30s"):
        IdeaSupport.objects.create(target=idea, person=someone)
    event = make_event(organiser())
    for someone in people(11, KATASHINA, "30s"):
        events.register(event=event, person=someone)
    Comment.objects.create(idea=idea, author=people(1, KATASHINA, "")[0], body="いいですね")
    for someone in people(2, None, "40s"):
        make_issue(someone)
    last_year = make_issue(people(1, SHIBUKAWA, "20s")[0])
    Issue.objects.filter(pk=last_year.pk).update(created_at=timezone.now() - timedelta(days=400))
    # The author of the idea (no home) posted this year too: one more outside the rates.
    return fiscal_year(timezone.localdate())


def test_rates_by_area_and_age_band_match_the_hand_computation(town, english):
    table = participation(town)
    by_area = {cell.label: (cell.participants, cell.residents, cell.rate) for cell in table.by_area}
    assert by_area == {"北群馬渋川": (15, 10_000, Decimal("1.50")),  # 15 × 1,000 / 10,000
                       "利根沼田": (12, 1_000, Decimal("12.00"))}  # 11 + the one without an age band
    by_band = {cell.label: (cell.participants, cell.residents, cell.rate) for cell in table.by_band}
    assert by_band == {"20–29": (12, 4_300, Decimal("2.79")),  # 12,000 / 4,300 = 2.7907
                       "30–39": (14, 6_700, Decimal("2.09"))}  # 14,000 / 6,700 = 2.0896
    assert (table.total.participants, table.total.residents, table.total.rate) == (27, 11_000, Decimal("2.45"))
    assert (table.outside, table.no_band) == (3, 1)
    assert not any(cell.suppressed for cell in [*table.by_area, *table.by_band, table.total])


def test_another_year_has_only_that_years_people(town, english):
    table = participation(town - 1)
    assert table.total.participants == 1 and table.total.suppressed  # the one who posted last year
    assert all(cell.participants == 0 for cell in table.by_band if cell.label != "20–29")


def test_small_counts_are_suppressed_and_a_lone_one_takes_the_next_smallest_with_it():
    cells = [Cell("A", 3, 1000), Cell("B", 12, 1000), Cell("C", 40, 1000), Cell("D", 0, 1000), Cell("all", 55, 4000)]
    suppress(cells)
    assert [cell.suppressed for cell in cells] == [True, True, False, False, False]  # B: else A = 55 − 12 − 40
    two = [Cell("A", 3, 1000), Cell("B", 5, 1000), Cell("C", 40, 1000), Cell("all", 48, 3000)]
    suppress(two)
    assert [cell.suppressed for cell in two] == [True, True, False, False]
    tiny = [Cell("A", 3, 1000), Cell("all", 3, 1000)]
    suppress(tiny)
    assert [cell.suppressed for cell in tiny] == [True, True]


def test_the_page_shows_tables_chart_and_fewer_than_10(client, town):
    Comment.objects.all().delete()  # 利根沼田 keeps 11; no one without an age band
    for person in PersonFactory._meta.model.objects.filter(home_municipality__code=KATASHINA)[:3]:
        person.registrations.all().delete()  # 利根沼田 now 8 people: fewer than 10
    with translation.override("en"):
        page = client.get(reverse("kpi_participation")).content.decode()
    assert page.count("<svg") == 2 and "Participation by area" in page and "Participation by age band" in page
    area_table = page.split("<caption>Participation by area</caption>")[1].split("</table>")[0]
    # 利根沼田 (8 people) is fewer than 10; 北群馬渋川 (15) is not shown, else 23 − 15 would give 8 away.
    assert area_table.count("fewer than 10") == 1 and area_table.count("not shown") == 1
    assert "<td>8</td>" not in area_table and "<td>15</td>" not in area_table and "<td>23</td>" in area_table
    band_table = page.split("<caption>Participation by age band</caption>")[1].split("</table>")[0]
    assert "<td>12</td><td>4,300</td><td>2.79</td>" in band_table  # 12 × 1,000 / 4,300
    assert "<td>11</td><td>6,700</td><td>1.64</td>" in band_table  # 11 × 1,000 / 6,700 = 1.6418


def test_a_bad_year_is_an_error_not_a_500(client, town):
    response = client.get(reverse("kpi_participation"), {"year": "x"})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert client.get(reverse("kpi_participation"), {"year": str(town - 1)}).status_code == 200
