"""The plan's KPI, the accountability table and its CSV, and the coordinator's stalled ideas."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas import stages
from yukemuri.ideas.models import StageChange
from yukemuri.kpi.coordinator import stalled_ideas
from yukemuri.kpi.indicators import cocreation_initiatives, fiscal_year
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.services import consent_grant
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.teams import services as teams
from yukemuri.teams.models import RoleKind, RoleWanted
from yukemuri.topics.models import Skill

TOKYO = ZoneInfo("Asia/Tokyo")


def test_fiscal_years_run_april_to_march():
    assert fiscal_year(date(2023, 4, 1)) == 2023
    assert fiscal_year(date(2024, 3, 31)) == 2023
    assert fiscal_year(date(2024, 1, 15)) == 2023


def to_pilot(idea, lead):
    role = teams.role_open(idea=idea, by=lead, kind=RoleKind.KEY_PERSON)
    teams.answer(application=teams.apply(role=role, person=PersonFactory()), by=lead, accept=True)
    stages.plan_update(idea=idea, by=lead, goal="g", first_step="f", resources="r",
                       municipal_partner=OrganisationFactory(kind="municipality"),
                       pilot_starts_on=timezone.localdate(), budget_line="県事業")
    for stage in ("plan", "pilot"):
        stages.move(idea=idea, by=lead, to=stage)


def reached_on(idea, when):
    StageChange.objects.filter(idea=idea).update(at=when)


@pytest.fixture
def session(gunma):
    return make_event(organiser(), code="102083")


def test_counts_workshop_ideas_by_fiscal_year_cumulative_and_by_area(person, make_idea, session):
    a = make_idea(person, title="渋川の案", origin_event=session)
    b = make_idea(person, title="片品の案", code="104434", origin_event=session)
    c = make_idea(person, title="二度目の実証", origin_event=session)
    not_workshop = make_idea(person, title="ワークショップ外の案")
    seed_only = make_idea(person, title="種のまま", origin_event=session)
    for idea in (a, b, c, not_workshop):
        to_pilot(idea, person)
    reached_on(a, datetime(2023, 3, 31, 23, 0, tzinfo=TOKYO))  # FY2022
    reached_on(b, datetime(2023, 4, 1, 9, 0, tzinfo=TOKYO))  # FY2023
    reached_on(c, datetime(2024, 2, 1, 9, 0, tzinfo=TOKYO))  # FY2023
    stages.move(idea=c, by=person, to="plan", reason="やり直し")  # moving back does not uncount it
    indicator = cocreation_initiatives(today=date(2024, 5, 1))
    rows = {row.year: row for row in indicator.rows}
    assert indicator.total == 3 and seed_only.pk
    assert (rows[2021].cumulative, rows[2022].new, rows[2022].cumulative) == (0, 1, 1)
    assert (rows[2023].new, rows[2023].cumulative, rows[2023].target) == (2, 3, 29)
    assert rows[2025].target == 45 and rows[2025].cumulative == 3
    assert rows[2023].by_area == {"北群馬渋川": 2, "利根沼田": 1}


def test_kpi_page_has_chart_and_data_table(client, person, make_idea, session):
    idea = make_idea(person, origin_event=session)
    to_pilot(idea, person)
    page = client.get(reverse("kpi")).content.decode()
    assert "<svg" in page and "目標29" in page and "目標45" in page
    current = f"FY{fiscal_year(timezone.localdate())}"
    row = page.split(f'<th scope="row">{current}</th>')[1].split("</tr>")[0]
    assert row.startswith("<td>1</td><td>1</td>")


def test_accountability_lists_stage_progress_and_what_is_lacking(client, person, make_idea):
    idea = make_idea(person, sdg_numbers=[11])
    teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    other = make_idea(person, title="片品のコミュニティ", code="104434", sdg_numbers=[4])
    page = client.get(reverse("accountability")).content.decode()
    assert idea.title in page and other.title in page
    assert "チームにはキーマンが必要です。" in page and "募集中： キーマン" in page
    filtered = client.get(reverse("accountability"), {"sdg": 4}).content.decode()
    assert other.title in filtered and idea.title not in filtered
    by_stage = client.get(reverse("accountability"), {"stage": "running"}).content.decode()
    assert idea.title not in by_stage


def test_accountability_csv_is_every_filtered_idea(client, person, make_idea):
    make_idea(person, title="吉岡の案", code="103454")
    make_idea(person, title="渋川の案")
    response = client.get(reverse("accountability_csv"), {"municipality": "102083"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff") and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["ID", "タイトル", "エリア"]
    assert [row[1] for row in rows[1:]] == ["渋川の案"]
    assert rows[1][5] == "種" and "チームには2人以上のメンバーが必要です。" in rows[1][10]


def test_stalled_ideas_oldest_first_with_people_who_could_help(person, make_idea, coordinator):
    idea = make_idea(person, title="キーマン待ち", sdg_numbers=[11])
    role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON, skill_names=["不動産"])
    RoleWanted.objects.filter(pk=role.pk).update(opened_at=timezone.now() - timedelta(days=45))
    fresh = make_idea(person, title="新しい募集")
    teams.role_open(idea=fresh, by=person, kind=RoleKind.KEY_PERSON)
    plan_idea = make_idea(person, title="資金のない計画")
    to_plan = plan_idea
    role2 = teams.role_open(idea=to_plan, by=person, kind=RoleKind.KEY_PERSON)
    teams.answer(application=teams.apply(role=role2, person=PersonFactory()), by=person, accept=True)
    stages.plan_update(idea=to_plan, by=person, goal="g", first_step="f", resources="r",
                       municipal_partner=OrganisationFactory(kind="municipality"))
    stages.move(idea=to_plan, by=person, to="plan")
    type(plan_idea).objects.filter(pk=plan_idea.pk).update(stage_changed_at=timezone.now() - timedelta(days=60))

    realtor = PersonFactory(display_name="不動産に詳しい人", home_municipality=Municipality.objects.get(code="102083"))
    realtor.person_skills.create(skill=Skill.objects.get(name="不動産"))
    consent_grant(person=realtor, purpose=ConsentPurpose.MATCHING)
    shy = PersonFactory(display_name="同意していない人")
    shy.person_skills.create(skill=Skill.objects.get(name="不動産"))

    stalled = stalled_ideas()
    assert [item.idea.title for item in stalled] == ["資金のない計画", "キーマン待ち"]
    assert realtor in stalled[1].helpers and shy not in stalled[1].helpers
    assert stalled[1].role.pk == role.pk


def test_coordinator_page_is_for_coordinators(client, person, coordinator):
    client.force_login(person)
    assert client.get(reverse("coordinator")).status_code == 403
    client.force_login(coordinator)
    assert "止まっているアイデアはありません" in client.get(reverse("coordinator")).content.decode()


def test_kpi_in_the_api(client, person, make_idea, session):
    idea = make_idea(person, origin_event=session)
    to_pilot(idea, person)
    data = client.get("/api/v1/kpi/cocreation-initiatives").json()
    assert data["total"] == 1
    years = {row["fiscal_year"]: row for row in data["years"]}
    assert years[2023]["target"] == 29 and years[fiscal_year(timezone.localdate())]["by_area"] == {"北群馬渋川": 1}
    assert client.get(f"/api/v1/ideas/{idea.pk}").json()["stage"] == "pilot"
