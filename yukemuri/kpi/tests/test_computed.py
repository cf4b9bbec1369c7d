"""The KPIs the platform counts (kpi/compute.py): data that hits and data that misses each rule, the rules stated
on the pages, the SDG goals and targets from seed 001, and the chart ticks in the reader's language."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from yukemuri.events import services as events
from yukemuri.events.models import Event, Registration
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.models import StageChange
from yukemuri.kpi import services
from yukemuri.kpi.compute import COMPUTERS, RULES, compute_all
from yukemuri.kpi.models import Indicator, IndicatorValue
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.teams.models import TeamMember
from yukemuri.topics.models import Theme

TOKYO = ZoneInfo("Asia/Tokyo")
KATASHINA, NUMATA = "104434", "102067"


def at(year, month, day):
    return datetime(year, month, day, 12, tzinfo=TOKYO)


@pytest.fixture
def loaded(gunma):
    services.load_indicators()


def rows(slug):
    return sorted((v.year, v.area, int(v.value)) for v in IndicatorValue.objects.filter(indicator__slug=slug))


def check_in_at(event, person, when):
    registration = events.register(event=event, person=person)
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=when)


def reached_pilot(idea, when):
    StageChange.objects.create(idea=idea, kind="advance", from_stage="plan", to_stage="pilot", at=when)


# The seed: which KPIs are counted, their kinds of event, goals and targets -------------------------------------

def test_the_seeds_countable_kpis_are_computed_soundings_too(loaded):
    computed = set(Indicator.objects.filter(method=Indicator.Method.COMPUTED).values_list("slug", flat=True))
    assert computed == set(COMPUTERS)  # every computed indicator has its computation, and no other is computed
    assert {"creator-laboratory-participants", "online-medicine-seminar-attendees", "online-career-seminars",
            "oze-cocreation-initiatives", "business-school-community-partnerships"} <= computed
    assert Indicator.objects.get(slug="sounding-surveys").method == Indicator.Method.COMPUTED  # from /calls/
    assert set(RULES) == set(COMPUTERS)  # each rule is stated


def test_sdg_goals_and_targets_are_read_from_the_seed(loaded):
    sdg = {i.number: (i.sdg_goals, i.sdg_targets) for i in Indicator.objects.filter(number__gt=0)}
    assert sdg[1] == ("8", "8.1, 8.2, 8.5, 8.9")  # 「１，２，５，９」 beside 【ゴール８】
    assert sdg[4] == ("9", "9.2")
    assert sdg[10] == ("17", "17.17")
    assert sdg[12] == ("12, 14", "12.3, 12.5, 12.8, 14.1")
    assert sdg[30] == ("15", "15.1")  # 「ゴール 15、ターゲット１」
    assert sdg[22] == ("", "7")  # the text gives no goal: kept as printed
    assert sdg[31] == ("", "")


def test_an_earlier_load_gets_goals_and_counting_but_keeps_entered_values(loaded):
    lab = Indicator.objects.get(slug="creator-laboratory-participants")
    oze = Indicator.objects.get(slug="oze-cocreation-initiatives")
    Indicator.objects.filter(pk__in=[lab.pk, oze.pk]).update(method=Indicator.Method.ENTERED, sdg_goals="")
    IndicatorValue.objects.create(indicator=oze, year=2022, value=2, source="県の事業実績")
    services.load_indicators()
    lab.refresh_from_db(), oze.refresh_from_db()
    assert (lab.method, lab.sdg_goals) == (Indicator.Method.COMPUTED, "8, 9")
    assert (oze.method, oze.sdg_goals) == (Indicator.Method.ENTERED, "15")  # staff entered a value: theirs


# Event check-ins and events held ----------------------------------------------------------------------------------

def test_creator_lab_counts_check_ins_at_lab_events_cumulatively(loaded):
    host = organiser()
    lab = make_event(host, kind="creator-lab", code="102024")  # 高崎市
    seminar = make_event(host, kind="seminar")
    check_in_at(lab, PersonFactory(), at(2023, 5, 1))
    check_in_at(lab, PersonFactory(), at(2024, 3, 31))  # still FY2023
    check_in_at(lab, PersonFactory(), at(2024, 4, 1))  # FY2024
    events.register(event=lab, person=PersonFactory())  # registered, never came: a miss
    check_in_at(seminar, PersonFactory(), at(2023, 5, 1))  # another kind: a miss
    compute_all()
    area = lab.area.name
    assert rows("creator-laboratory-participants") == [(2023, "", 2), (2023, area, 2), (2024, "", 3),
                                                       (2024, area, 3)]


def test_online_medicine_seminar_counts_attendees_per_year(loaded):
    host = organiser()
    seminar = make_event(host, kind="online-medicine-seminar")
    check_in_at(seminar, PersonFactory(), at(2023, 6, 1))
    check_in_at(seminar, PersonFactory(), at(2024, 6, 1))
    check_in_at(make_event(host, kind="online-career-seminar"), PersonFactory(), at(2024, 6, 1))  # a miss
    compute_all()
    assert [(y, n) for y, a, n in rows("online-medicine-seminar-attendees") if not a] == [(2023, 1), (2024, 1)]


def test_online_career_seminars_count_events_held_not_cancelled_or_to_come(loaded):
    host = organiser()
    held = [make_event(host, kind="online-career-seminar") for _ in range(3)]
    for event, when in zip(held, (at(2023, 7, 1), at(2023, 9, 1), at(2024, 5, 1)), strict=True):
        Event.objects.filter(pk=event.pk).update(starts_at=when, ends_at=when + timedelta(hours=2))
    cancelled = make_event(host, kind="online-career-seminar")
    Event.objects.filter(pk=cancelled.pk).update(starts_at=at(2023, 8, 1), ends_at=at(2023, 8, 1),
                                                 status=Event.Status.CANCELLED)
    make_event(host, kind="online-career-seminar", days=30)  # not held yet
    make_event(host, kind="seminar", days=-0)  # another kind
    compute_all()
    assert [(y, n) for y, a, n in rows("online-career-seminars") if not a] == [(2023, 2), (2024, 1)]


# 尾瀬 -------------------------------------------------------------------------------------------------------------

def test_oze_counts_katashina_and_ideas_mentioning_or_tagged_oze_that_reached_pilot(loaded, person, make_idea):
    in_katashina = make_idea(person, title="村の観光案内", code=KATASHINA)
    mentions = make_idea(person, title="湿原の木道", body="尾瀬の木道を直す仕組み", code=NUMATA)
    tagged = make_idea(person, title="山小屋の電気", code=NUMATA)
    tagged.themes.add(Theme.objects.create(name="尾瀬"))
    katashina_not_yet = make_idea(person, title="スキー場の再生", code=KATASHINA)
    elsewhere = make_idea(person, title="空き家", code=NUMATA)
    reached_pilot(in_katashina, at(2022, 6, 1))
    reached_pilot(mentions, at(2022, 12, 1))
    reached_pilot(mentions, at(2023, 12, 1))  # again after going back: the first time counts
    reached_pilot(tagged, at(2023, 4, 1))
    reached_pilot(elsewhere, at(2023, 5, 1))  # reached pilot, nothing to do with 尾瀬: a miss
    StageChange.objects.create(idea=katashina_not_yet, kind="advance", from_stage="seed", to_stage="plan",
                               at=at(2022, 6, 1))  # not yet a pilot: a miss
    compute_all()
    assert [(y, n) for y, a, n in rows("oze-cocreation-initiatives") if not a] == [(2022, 2), (2023, 3)]


# 企業等と地域・学校との連携 ---------------------------------------------------------------------------------------------

def member(idea, person, organisation, *, team_since, org_since):
    TeamMember.objects.create(idea=idea, person=person, joined_at=team_since)
    Membership.objects.create(organisation=organisation, person=person, joined_at=org_since)


def test_partnerships_count_ideas_whose_side_has_a_company_and_a_school(loaded, person, make_idea):
    company = OrganisationFactory(kind=Organisation.Kind.COMPANY)
    startup = OrganisationFactory(kind=Organisation.Kind.STARTUP)
    university = OrganisationFactory(kind=Organisation.Kind.UNIVERSITY)
    npo = OrganisationFactory(kind=Organisation.Kind.NPO)
    both = make_idea(person, title="高校と企業の探究")
    member(both, PersonFactory(), company, team_since=at(2023, 5, 1), org_since=at(2020, 1, 1))
    # The student joined the university after joining the team: the partnership starts in FY2024.
    member(both, PersonFactory(), university, team_since=at(2023, 6, 1), org_since=at(2024, 4, 2))
    posted_for_school = make_idea(person, title="大学の授業で")  # posted for the university in April 2023
    type(posted_for_school).objects.filter(pk=posted_for_school.pk).update(organisation=university,
                                                                           created_at=at(2023, 4, 10))
    member(posted_for_school, PersonFactory(), startup, team_since=at(2023, 7, 1), org_since=at(2023, 1, 1))
    no_school = make_idea(person, title="NPOと企業")
    member(no_school, PersonFactory(), company, team_since=at(2023, 5, 1), org_since=at(2020, 1, 1))
    member(no_school, PersonFactory(), npo, team_since=at(2023, 5, 1), org_since=at(2020, 1, 1))
    hidden = make_idea(person, title="非公開")
    member(hidden, PersonFactory(), company, team_since=at(2023, 5, 1), org_since=at(2020, 1, 1))
    member(hidden, PersonFactory(), university, team_since=at(2023, 5, 1), org_since=at(2020, 1, 1))
    type(hidden).objects.filter(pk=hidden.pk).update(visibility="hidden")
    compute_all()
    assert [(y, n) for y, a, n in rows("business-school-community-partnerships") if not a] == [(2023, 1), (2024, 1)]


# Pages state the rules ---------------------------------------------------------------------------------------------

def test_the_indicator_pages_state_how_they_are_counted_and_show_sdg_targets(client, loaded):
    with translation.override("en"):
        page = client.get("/en/kpi/oze-cocreation-initiatives/").content.decode()
        assert "How it is counted" in page and "片品村" in page and "尾瀬" in page
        assert '<span class="badge">15.1</span>' in page
        sounding = client.get("/en/kpi/sounding-surveys/").content.decode()
        assert "サウンディング" in sounding and "/calls/" in sounding
        listing = client.get("/en/kpi/").content.decode()
        assert "targets 8.1, 8.2, 8.5, 8.9" in listing
    api = client.get("/api/v1/indicators/business-school-community-partnerships").json()
    assert api["rule"] == str(RULES["business-school-community-partnerships"]) and api["sdg_targets"] == ""


# Chart ticks in the reader's language -----------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "ticks", "big", "grouped"), [
    ("en", ["0", "0.2", "0.4", "0.6", "0.8", "1"], "2.5M", "1,234.5"),
    ("pt-br", ["0", "0,2", "0,4", "0,6", "0,8", "1"], "2,5M", "1.234,5"),
])
def test_chart_ticks_use_the_languages_number_format(language, ticks, big, grouped):
    from yukemuri.kpi.chart import _tick, local_number, row_bars, value_bars

    with translation.override(language):
        chart = value_bars([2023], {2023: 0.9}, {})
        assert [label for label, _y in chart["ticks"]] == ticks
        assert _tick(2_500_000) == big and local_number(1234.5) == grouped
        assert "," not in chart["bars"][0].y  # coordinates are never localised
        rates = row_bars([("北毛", 0.9, "0.9"), ("東毛", None, "—")])
        point = "." if language == "en" else ","
        assert [label for label, _x in rates["ticks"]] == ["0", f"0{point}25", f"0{point}5", f"0{point}75", "1"]
        assert rates["rows"][1].width == "0.00" and rates["rows"][0].width == "387.00"  # 430 × 0.9


# Splits and value areas -------------------------------------------------------------------------------------------

def test_the_seeds_splits_are_each_a_part_with_baseline_and_target(loaded):
    parts = {}
    for indicator in Indicator.objects.filter(slug__in=["healthy-life-expectancy", "waste-recycling-rate",
                                                        "pupils-solving-problems-themselves"]):
        parts[indicator.slug] = ({b.split for b in indicator.baselines.all()},
                                 {t.split for t in indicator.targets.all()})
    assert parts == {"healthy-life-expectancy": ({"男性", "女性"}, {"男性", "女性"}),
                     "waste-recycling-rate": ({"一般", "産業"}, {"一般", "産業"}),
                     "pupils-solving-problems-themselves": ({"小６", "中３"}, {"小６", "中３"})}


def test_a_value_may_be_for_a_place_that_is_no_municipality(client, loaded, roles):
    """Free text: 尾瀬 is no municipality. It is shown by area, and only whole-prefecture values are judged."""
    from django.urls import reverse

    indicator = Indicator.objects.get(slug="forest-business-areas")  # entered, not kept by area
    client.force_login(roles["municipal_staff"])
    response = client.post(reverse("indicator_value_add", args=[indicator.slug]),
                           {"year": "2022", "value": "3", "source": "県の事業実績", "area": "尾瀬"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=indicator).area == "尾瀬"
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "<td>尾瀬</td>" in page
    from yukemuri.kpi.progress import progress_of
    from yukemuri.kpi.selectors import indicator_detail, values_of

    detail = indicator_detail(indicator.slug)
    assert progress_of(detail, values_of(detail))[0].latest is None  # a place's value is not the prefecture's
