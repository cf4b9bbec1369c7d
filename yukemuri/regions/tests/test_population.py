"""地域・年齢別人口: the standard layout loads into ten-year bands, bad files are refused whole, the latest count wins."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from yukemuri.regions.loader import RegionDataError, load_population
from yukemuri.regions.models import AgeBand, PopulationCount
from yukemuri.regions.population import band_of, parse
from yukemuri.regions.selectors import population_as_of, population_by_band

# Five-year classes by sex, split by district, as many municipalities publish them.
BY_SEX = (
    "全国地方公共団体コード,地方公共団体名,調査年月日,地域名,0-4歳の男性,0-4歳の女性,15-19歳の男性,20-24歳の男性,"
    "25-29歳の女性,75-79歳の男性,80-84歳の女性,100歳以上の女性\n"
    "102016,前橋市,2024/01/01,大手町,10,11,5,7,8,3,2,1\n"
    "102016,前橋市,2024/01/01,日吉町,\"1,000\",0,0,0,0,0,0,-\n"
)


def test_five_year_classes_by_sex_and_district_sum_into_bands():
    parsed = parse(BY_SEX.encode("utf-8"))
    assert parsed.problems == []
    assert parsed.counts == {("102016", date(2024, 1, 1)): {"10s": 1026, "20s": 15, "70s": 3, "80+": 3}}


def test_shift_jis_files_load():
    assert parse(BY_SEX.encode("cp932")).counts == parse(BY_SEX.encode("utf-8")).counts


@pytest.mark.parametrize(("text", "problem"), [
    ("", "empty"),
    ("調査年月日,0-4歳\n2024-01-01,3\n", "全国地方公共団体コード"),
    ("全国地方公共団体コード,調査年月日,総数\n102016,2024-01-01,3\n", "no age columns"),
    ("全国地方公共団体コード,調査年月日,15-24歳\n102016,2024-01-01,3\n", "cross two"),
    ("全国地方公共団体コード,調査年月日,0-4歳\n10201,2024-01-01,3\n", "six digits"),
    ("全国地方公共団体コード,調査年月日,0-4歳\n102016,2024-02-30,3\n", "not a date"),
    ("全国地方公共団体コード,調査年月日,0-4歳\n102016,2024-01-01,three\n", "whole number"),
    ("全国地方公共団体コード,調査年月日,0-4歳\n102016\n", "columns"),
])
def test_bad_files_say_what_is_wrong(text, problem):
    parsed = parse(text.encode("utf-8"))
    assert any(problem in p for p in parsed.problems), parsed.problems


@given(st.integers(min_value=0, max_value=130))
def test_every_age_has_one_band_of_the_choices(age):
    assert band_of(age) in AgeBand.values
    assert AgeBand.for_age(age) == band_of(age)


def test_loading_replaces_the_same_date_and_keeps_older_ones(gunma):
    load_population(BY_SEX.encode())
    newer = BY_SEX.replace("2024/01/01", "2025-01-01").replace("10,11", "20,21")
    load_population(newer.encode())
    load_population(newer.encode())  # again: replaced, not added
    assert PopulationCount.objects.filter(as_of=date(2025, 1, 1)).count() == 4
    assert PopulationCount.objects.filter(as_of=date(2024, 1, 1)).count() == 4
    assert population_by_band()["102016"]["10s"] == 1046  # the latest date only
    assert population_as_of() == date(2025, 1, 1)


def test_an_unknown_municipality_stores_nothing(gunma):
    text = BY_SEX + "999999,どこか,2024-01-01,,1,1,1,1,1,1,1,1\n"
    with pytest.raises(RegionDataError, match="999999"):
        load_population(text.encode())
    assert not PopulationCount.objects.exists()


def test_the_command_loads_the_bundled_demo_figures_and_refuses_bad_files(gunma, tmp_path):
    call_command("population_import", "gunma")
    counts = population_by_band("100005")
    assert len(counts) == 35 and set(counts["104256"]) == set(AgeBand.values)
    assert sum(counts["102016"].values()) == 328000
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="全国地方公共団体コード"):
        call_command("population_import", str(bad))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("population_import", str(tmp_path / "missing.csv"))
