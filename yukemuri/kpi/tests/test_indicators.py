"""Indicators (指標): the model holds every row of seed 001, the progress rule (hand-computed), staff entry with
provenance, PDCA notes and target revisions, the computed values, the pages, CSV, JSON and the API."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from yukemuri.events import services as events
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.kpi import services
from yukemuri.kpi.compute import compute_all
from yukemuri.kpi.indicators import fiscal_year
from yukemuri.kpi.models import Baseline, Indicator, IndicatorTarget, IndicatorValue, PdcaNote, TargetRevision
from yukemuri.kpi.progress import BEHIND, NO_DATA, NOT_JUDGED, ON_TRACK, expected_value, progress_of
from yukemuri.kpi.selectors import indicator_detail, values_of
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.points import services as points
from yukemuri.startups.models import Participation
from yukemuri.startups.tests.factories import ProgrammeFactory, StartupFactory

D = Decimal


@pytest.fixture
def loaded(db):
    services.load_indicators()


@pytest.fixture
def staff(roles):
    return roles["municipal_staff"]


def make_indicator(slug="test-indicator", *, baseline=("", 2019, "100"), targets=(("", 2025, "160", "gte", ""),),
                   **fields):
    indicator = Indicator.objects.create(slug=slug, name="テスト指標", unit="件", **fields)
    if baseline:
        split, year, value = baseline
        Baseline.objects.create(indicator=indicator, split=split, year=year, value=None if value is None else D(value))
    for split, year, value, comparison, words in targets:
        IndicatorTarget.objects.create(indicator=indicator, split=split, year=year,
                                       value=None if value is None else D(value), comparison=comparison,
                                       qualitative=words)
    return indicator


def value(indicator, year, amount, split="", area=""):
    return IndicatorValue.objects.create(indicator=indicator, year=year, value=D(amount), split=split, area=area,
                                         source="テスト")


def progress(indicator):
    indicator = indicator_detail(indicator.slug)
    return {p.split: p for p in progress_of(indicator, values_of(indicator))}


# The model ---------------------------------------------------------------------------------------------------

def test_a_target_needs_a_value_or_words(db):
    indicator = make_indicator(targets=())
    with pytest.raises(ValidationError):
        IndicatorTarget(indicator=indicator, year=2025).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorTarget.objects.create(indicator=indicator, year=2025)


def test_one_baseline_per_split(db):
    indicator = make_indicator(baseline=("男性", 2016, "72.07"), targets=())
    Baseline.objects.create(indicator=indicator, split="女性", year=2016, value=D("75.20"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Baseline.objects.create(indicator=indicator, split="男性", year=2017, value=D("1"))


def test_seed_001_loads_all_33_with_their_baselines_and_targets_once(loaded):
    assert Indicator.objects.exclude(number=0).count() == 33
    assert services.load_indicators() == 0  # idempotent
    assert Indicator.objects.count() == 36 and IndicatorTarget.objects.count() == 42
    gdp = indicator_detail("gross-prefectural-product")
    assert [(b.year, b.value) for b in gdp.baselines.all()] == [(2019, D("89704"))]
    assert [(t.year, t.value) for t in gdp.targets.all()] == [(2025, D("95000"))]
    health = indicator_detail("healthy-life-expectancy")
    assert {(b.split, b.value) for b in health.baselines.all()} == {("男性", D("72.07")), ("女性", D("75.20"))}
    recycling = indicator_detail("waste-recycling-rate")
    assert {(b.split, b.year) for b in recycling.baselines.all()} == {("一般", 2018), ("産業", 2017)}
    assert indicator_detail("greenhouse-gas-emissions").targets.get().comparison == "lte"
    assert indicator_detail("pupils-ict-literacy").targets.get().qualitative == "2021年度より増加"
    assert [t.value for t in indicator_detail("renewable-energy").targets.all()] == [D("6669293"), D("7059000")]
    assert indicator_detail("cocreation-initiatives").method == Indicator.Method.COMPUTED


def test_reloading_keeps_a_revised_target(loaded, staff):
    target = IndicatorTarget.objects.get(indicator__slug="women-in-management")
    services.target_revise(target=target, by=staff, value=D("35"), reason="総合計画の改定")
    services.load_indicators()
    assert IndicatorTarget.objects.get(pk=target.pk).value == D("35")


# The progress rule (hand-computed) ------------------------------------------------------------------------------

def test_the_line_from_baseline_to_target():
    assert expected_value(2019, D(100), 2025, D(160), 2022) == D(130)  # 100 + 60 × 3/6
    assert expected_value(2019, D(100), 2025, D(160), 2018) == D(100)  # before the baseline: the baseline
    assert expected_value(2019, D(100), 2025, D(160), 2027) == D(160)  # after the target: the target


@pytest.mark.parametrize(("amount", "status"), [("130", ON_TRACK), ("129.9", BEHIND), ("150", ON_TRACK)])
def test_at_or_above_the_line_is_on_track(db, amount, status):
    indicator = make_indicator()
    value(indicator, 2022, amount)
    assert progress(indicator)[""].status == status
    assert progress(indicator)[""].expected == D(130)


@pytest.mark.parametrize(("amount", "status"), [("14200", BEHIND), ("14000", ON_TRACK)])
def test_at_or_below_the_line_for_at_most_targets(db, amount, status):
    # 温室効果ガス: 15,343 (2017) → 9,824 or less (2030); in 2020 the line is at 15343 − 5519 × 3/13 ≈ 14069.4
    indicator = make_indicator(baseline=("", 2017, "15343"), targets=(("", 2030, "9824", "lte", ""),))
    value(indicator, 2020, amount)
    found = progress(indicator)[""]
    assert found.status == status and round(found.expected, 1) == D("14069.4")


def test_no_baseline_value_starts_the_line_at_zero_and_the_nearest_target_counts(db):
    indicator = make_indicator(baseline=("", 2020, None),
                               targets=(("", 2023, "29", "gte", ""), ("", 2025, "45", "gte", "")))
    value(indicator, 2022, "19")  # 29 × 2/3 ≈ 19.33 is expected in FY2022: behind
    assert progress(indicator)[""].status == BEHIND and progress(indicator)[""].target.year == 2023
    value(indicator, 2022, "20")  # a later entry for the same year replaces it
    assert progress(indicator)[""].status == ON_TRACK
    value(indicator, 2024, "36")  # nearest is now FY2025's 45: the line from 0 (2020) to 45 (2025) is at 36
    assert progress(indicator)[""].target.year == 2025 and progress(indicator)[""].status == ON_TRACK
    value(indicator, 2026, "44")  # every target past: the last one, 45 itself
    assert progress(indicator)[""].status == BEHIND and progress(indicator)[""].expected == D(45)


def test_splits_are_judged_apart_and_words_are_not_judged(db):
    indicator = make_indicator(baseline=None, targets=(("男性", 2025, "73.2", "gte", ""),
                                                       ("女性", 2025, "76.3", "gte", "")))
    Baseline.objects.create(indicator=indicator, split="男性", year=2016, value=D("72.07"))
    Baseline.objects.create(indicator=indicator, split="女性", year=2016, value=D("75.20"))
    value(indicator, 2019, "72.50", split="男性")  # line: 72.07 + 1.13 × 3/9 ≈ 72.447 → on track
    found = progress(indicator)
    assert found["男性"].status == ON_TRACK and found["女性"].status == NO_DATA
    words = make_indicator("words", baseline=("", 2021, "89.6"), targets=(("", 2025, None, "gte", "2021年度より増加"),))
    value(words, 2022, "80")
    assert progress(words)[""].status == NOT_JUDGED


def test_values_by_area_do_not_count_as_the_whole(db):
    indicator = make_indicator()
    value(indicator, 2022, "200", area="利根沼田")
    assert progress(indicator)[""].status == NO_DATA


# Staff enter values, notes and revisions -------------------------------------------------------------------------

def post_value(client, indicator, **fields):
    data = {"year": "2022", "value": "6350000", "source": "再生可能エネルギー導入状況 令和4年度", **fields}
    return client.post(reverse("indicator_value_add", args=[indicator.slug]), data)


def test_staff_enter_a_value_with_its_source_and_file(client, loaded, staff, django_capture_on_commit_callbacks):
    indicator = Indicator.objects.get(slug="renewable-energy")
    client.force_login(staff)
    upload = SimpleUploadedFile("導入状況.csv", "年度,導入量\n2022,6350000\n".encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_value(client, indicator, file=upload)
    assert response.status_code == 302 and response.url == indicator.get_absolute_url()
    row = IndicatorValue.objects.get(indicator=indicator)
    assert (row.value, row.year, row.entered_by, row.computed) == (D("6350000"), 2022, staff, False)
    assert row.source == "再生可能エネルギー導入状況 令和4年度" and row.file_name == "導入状況.csv"
    assert bytes(row.file_data).startswith("年度".encode())
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "6,350,000" in page and "再生可能エネルギー導入状況 令和4年度" in page
    download = client.get(reverse("indicator_value_file", args=[indicator.slug, row.pk]))
    assert download.status_code == 200 and download.content.startswith("年度".encode())


@pytest.mark.parametrize(("name", "content", "error"), [
    ("evil.exe", b"MZ", "Attach a CSV, PDF or XLSX file."),
    ("fake.pdf", b"not a pdf", "The file is not what its name says."),
    ("fake.xlsx", b"%PDF-1.4", "The file is not what its name says."),
    ("latin.csv", "年度".encode("shift_jis"), "A CSV file must be UTF-8 text."),
])
def test_a_file_must_be_what_it_says(client, loaded, staff, name, content, error):
    client.force_login(staff)
    indicator = Indicator.objects.get(slug="renewable-energy")
    with translation.override("en"):
        response = post_value(client, indicator, file=SimpleUploadedFile(name, content))
    assert response.status_code == 400 and error in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_file_over_5_mb_is_refused(client, loaded, staff, settings):
    client.force_login(staff)
    indicator = Indicator.objects.get(slug="renewable-energy")
    big = SimpleUploadedFile("big.csv", b"a" * (5 * 1024 * 1024 + 1))
    with translation.override("en"):
        response = post_value(client, indicator, file=big)
    assert response.status_code == 400 and "larger than 5 MB" in response.content.decode()


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(client, loaded, staff):
    client.force_login(staff)
    indicator = Indicator.objects.get(slug="renewable-energy")
    response = post_value(client, indicator, source="", value="6200000")
    page = response.content.decode()
    assert response.status_code == 400 and 'value="6200000"' in page and not IndicatorValue.objects.exists()
    for bad in ({"year": "99999"}, {"value": "1" * 30}, {"value": "abc"}, {"year": "x"}):
        assert post_value(client, indicator, **bad).status_code == 400
    assert not IndicatorValue.objects.exists()


def test_splits_must_be_named(client, loaded, staff):
    client.force_login(staff)
    indicator = Indicator.objects.get(slug="healthy-life-expectancy")
    assert post_value(client, indicator, value="72.5", year="2019").status_code == 400
    assert post_value(client, indicator, value="72.5", year="2019", split="男性").status_code == 302
    assert IndicatorValue.objects.get().split == "男性"


@pytest.mark.parametrize("role", ["resident", "coordinator", "moderator", "staff"])
def test_only_municipal_staff_and_administrators_enter(client, loaded, roles, role):
    client.force_login(roles[role])
    indicator = Indicator.objects.get(slug="renewable-energy")
    assert post_value(client, indicator).status_code == 403
    assert client.post(reverse("indicator_note_write", args=[indicator.slug]),
                       {"year": "2022", "assessment": "順調"}).status_code == 403
    assert not IndicatorValue.objects.exists() and not PdcaNote.objects.exists()
    assert "enctype" not in client.get(indicator.get_absolute_url()).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, loaded):
    indicator = Indicator.objects.get(slug="renewable-energy")
    response = post_value(client, indicator)
    assert response.status_code == 302 and "login" in response.url and not IndicatorValue.objects.exists()


def test_administrators_enter_too_but_not_into_computed_indicators(client, loaded, roles):
    client.force_login(roles["administrator"])
    assert post_value(client, Indicator.objects.get(slug="people-moving-in"), value="1010").status_code == 302
    with translation.override("en"):
        response = post_value(client, Indicator.objects.get(slug="cocreation-initiatives"), value="3")
    assert response.status_code == 400 and "The platform computes" in response.content.decode()
    assert IndicatorValue.objects.count() == 1


def test_pdca_note_is_written_then_rewritten(client, loaded, staff):
    client.force_login(staff)
    indicator = Indicator.objects.get(slug="people-moving-in")
    url = reverse("indicator_note_write", args=[indicator.slug])
    client.post(url, {"year": "2022", "assessment": "目標に届かず", "cause": "相談窓口が少ない",
                      "next_action": "オンライン相談を増やす"})
    client.post(url, {"year": "2022", "assessment": "やや遅れ", "cause": "", "next_action": ""})
    note = PdcaNote.objects.get()
    assert (note.assessment, note.written_by) == ("やや遅れ", staff)
    assert "やや遅れ" in client.get(indicator.get_absolute_url()).content.decode()
    assert client.post(url, {"year": "2022", "assessment": ""}).status_code == 400


def test_a_target_revision_keeps_old_new_date_and_reason(client, loaded, staff):
    client.force_login(staff)
    indicator = Indicator.objects.get(slug="women-in-management")
    target = indicator.targets.get()
    response = client.post(reverse("indicator_target_revise", args=[indicator.slug]), {
        "target": target.pk, "value": "35", "revised_on": "2024-03-29", "reason": "総合計画の改定"})
    assert response.status_code == 302
    revision = TargetRevision.objects.get()
    assert (revision.old_value, revision.new_value, revision.revised_on) == (D(33), D(35), date(2024, 3, 29))
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "総合計画の改定" in page
    other = Indicator.objects.get(slug="people-moving-in").targets.get()
    assert client.post(reverse("indicator_target_revise", args=[indicator.slug]), {
        "target": other.pk, "value": "1", "revised_on": "2024-03-29", "reason": "x"}).status_code == 400


def test_get_never_writes(client, loaded, staff):
    client.force_login(staff)
    before = (IndicatorValue.objects.count(), PdcaNote.objects.count(), TargetRevision.objects.count())
    for url in (reverse("kpi"), reverse("indicator", args=["renewable-energy"]), reverse("indicators_csv"),
                reverse("indicators_json"), "/api/v1/indicators"):
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content) if response.streaming else response.content
    assert (IndicatorValue.objects.count(), PdcaNote.objects.count(), TargetRevision.objects.count()) == before
    assert client.get(reverse("indicator_value_add", args=["renewable-energy"])).status_code == 405


@pytest.mark.parametrize("url", ["/kpi/no-such/", "/kpi/no-such/values/", "/kpi/renewable-energy/values/99/file",
                                 "/kpi/renewable-energy/values/99999999999999999999/file"])
def test_bad_addresses_are_404(client, loaded, staff, url):
    client.force_login(staff)
    response = client.post(url) if url.endswith("values/") else client.get(url)
    assert response.status_code == 404


# Computed values -------------------------------------------------------------------------------------------------

def test_computed_values_count_the_platforms_data_and_again_changes_nothing(loaded, municipality, person):
    programme = ProgrammeFactory()
    for year in (2023, 2023, 2024):
        Participation.objects.create(startup=StartupFactory(), programme=programme, year=year)
    host = organiser()
    seminar = make_event(host, kind="seminar")
    for someone in (person, PersonFactory()):
        registration = events.register(event=seminar, person=someone)
        events.check_in(event=seminar, code=registration.code, by=host)
    issuer = points.issuer_open(by=None, name="渋川市 幸福ポイント", municipality=municipality)
    points.earn(issuer=issuer, person=person, amount=30, reason="清掃活動", key="t:1", by=None)
    points.earn(issuer=issuer, person=person, amount=20, reason="清掃活動", key="t:2", by=None)

    first = compute_all()
    rows = lambda slug: sorted((v.year, v.area, v.value) for v in IndicatorValue.objects.filter(indicator__slug=slug))  # noqa: E731
    now = fiscal_year(date.today())
    assert rows("startup-entrepreneurs-supported") == [(2023, "", 2), (2024, "", 3)]
    assert (now, "", 2) in rows("seminar-participants")
    assert rows("points-issued") == [(now, "", 50)]
    assert rows("help-given") == []
    assert all(v.computed and v.source == "yukemuri" for v in IndicatorValue.objects.all())
    snapshot = {slug: rows(slug) for slug in first}
    call_command("kpi_compute", stdout=io.StringIO())
    assert {slug: rows(slug) for slug in first} == snapshot
    assert IndicatorValue.objects.filter(indicator__slug="points-issued").count() == 1


def test_the_task_computes_too(loaded):
    from yukemuri.kpi.tasks import kpi_compute

    Participation.objects.create(startup=StartupFactory(), programme=ProgrammeFactory(), year=2024)
    assert kpi_compute.call()["startup-entrepreneurs-supported"] == 1


# Pages, downloads and the API ----------------------------------------------------------------------------------

def test_the_list_shows_every_indicator_with_its_progress(client, loaded):
    indicator = Indicator.objects.get(slug="people-moving-in")  # 962 (2019) → 1,200 (2023): the line at 2021 is 1081
    value(indicator, 2021, "1010")
    with translation.override("en"):
        page = client.get(reverse("kpi"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert len(re.findall(r'<li class="card">\s*<h3><a href="[^"]*/kpi/', page)) == 36
    row = page.split(indicator.get_absolute_url())[1].split("</li>")[0]
    assert "1,010 (2021)" in row and "Behind" in row
    assert "目標29" in page or "target 29" in page  # the co-creation count is still there


def test_the_detail_page_has_chart_table_and_areas(client, loaded):
    indicator = Indicator.objects.get(slug="cocreation-initiatives")
    value(indicator, 2023, "5")
    value(indicator, 2023, "3", area="北群馬渋川")
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "<svg" in page and page.count("<figure") == 1 and "目標29" in page
    assert '<th scope="row">2023</th><td>3</td></tr>' in page  # the table by area: one column, 北群馬渋川


def test_csv_has_baselines_targets_and_values_neutralised(client, loaded):
    indicator = Indicator.objects.get(slug="people-moving-in")
    IndicatorValue.objects.create(indicator=indicator, year=2021, value=D(1010), source="=HYPERLINK(1)")
    response = client.get(reverse("indicators_csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:6] == ["indicator", "number", "name", "name_en", "unit", "row"]
    mine = [row for row in rows if row[0] == "people-moving-in"]
    assert [row[5] for row in mine] == ["baseline", "target", "value"]
    assert mine[2][12] == "'=HYPERLINK(1)"


def test_json_and_api_give_everything(client, loaded):
    indicator = Indicator.objects.get(slug="people-moving-in")
    value(indicator, 2021, "1010")
    data = json.loads(client.get(reverse("indicators_json")).content)
    assert len(data["indicators"]) == 36
    api = client.get("/api/v1/indicators").json()
    assert api["count"] == 36
    one = client.get("/api/v1/indicators/people-moving-in").json()
    assert one["baselines"] == [{"split": "", "year": 2019, "value": 962}]
    assert one["values"][0]["value"] == 1010 and one["progress"][0]["status"] == "behind"
    assert one == next(item for item in data["indicators"] if item["slug"] == "people-moving-in")


@pytest.mark.parametrize(("url", "status"), [("/api/v1/indicators/no-such", 404), ("/api/v1/indicators/%3Cx%3E", 400),
                                             ("/api/v1/indicators?page=x", 400), ("/api/v1/indicators/" + "a" * 80, 400)])
def test_api_errors_are_problem_details(client, loaded, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")


def test_chart_scale_and_ticks_are_round_and_short():
    from yukemuri.kpi.chart import _scale_top, _tick, value_bars

    assert (_scale_top(76.3), _scale_top(7_059_000), _scale_top(0)) == (100.0, 10_000_000.0, 1.0)
    assert [_tick(v) for v in (0, 0.5, 75, 2_000, 2_000_000)] == ["0", "0.5", "75", "2k", "2M"]
    chart = value_bars([2019, 2023], {2019: 50.0}, {2023: 100.0})
    assert chart["bars"][0].y == "140.00" and chart["bars"][1].target_y == "16.00"  # 16 + 248 × ½; strings: never localised
