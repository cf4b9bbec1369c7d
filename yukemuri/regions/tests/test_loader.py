import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from yukemuri.regions.loader import RegionDataError, load_region_folder
from yukemuri.regions.models import Area, Municipality, Prefecture

TOCHIGI_TOML = """
code = "090000"
name = "栃木県"
kana = "とちぎけん"
romaji = "Tochigi"

[[areas]]
name = "県央"
romaji = "Kenou"
"""
TOCHIGI_CSV = """code,name,kana,romaji,kind,area,lat_approx,lon_approx
092011,宇都宮市,うつのみやし,Utsunomiya,city,県央,36.555,139.883
092029,足利市,あしかがし,Ashikaga,city,,36.340,139.450
"""


def write_folder(path, toml=TOCHIGI_TOML, csv=TOCHIGI_CSV):
    path.mkdir(exist_ok=True)
    (path / "prefecture.toml").write_text(toml, encoding="utf-8")
    (path / "municipalities.csv").write_text(csv, encoding="utf-8")
    return path


def test_gunma_has_35_municipalities_in_9_areas(gunma):
    assert gunma.code == "100005" and gunma.jis_code == "10"
    assert Municipality.objects.filter(prefecture=gunma).count() == 35
    areas = list(Area.objects.filter(prefecture=gunma))
    assert [a.name for a in areas][:3] == ["甘楽富岡", "利根沼田", "桐生みどり"]
    assert len(areas) == 9
    assert all(a.municipalities.exists() for a in areas)
    shibukawa = Municipality.objects.get(code="102083")
    assert (shibukawa.name, shibukawa.kana, shibukawa.romaji, shibukawa.area.name) == (
        "渋川市", "しぶかわし", "Shibukawa", "北群馬渋川")


def test_loading_twice_changes_nothing(gunma):
    before = list(Municipality.objects.values_list("id", "code", "name", "area_id", "latitude").order_by("id"))
    result = call_command("load_prefecture", "gunma")
    assert result is None
    after = list(Municipality.objects.values_list("id", "code", "name", "area_id", "latitude").order_by("id"))
    assert before == after
    assert Prefecture.objects.count() == 1 and Area.objects.count() == 9


def test_another_prefecture_loads_the_same_way(db, tmp_path):
    result = load_region_folder(write_folder(tmp_path / "tochigi"))
    assert result.prefecture.name == "栃木県" and result.created == 2
    assert Municipality.objects.get(code="092011").area.name == "県央"
    assert Municipality.objects.get(code="092029").area is None


@pytest.mark.parametrize(
    ("csv", "problem"),
    [
        (TOCHIGI_CSV.replace("092011", "092012"), "092012"),  # wrong check digit
        (TOCHIGI_CSV.replace("092029", "102016"), "does not belong"),  # Gunma's code in Tochigi's file
        (TOCHIGI_CSV.replace(",県央,", ",県北,"), "県北"),  # unknown area
        (TOCHIGI_CSV.replace("city,,", "metropolis,,"), "metropolis"),
        (TOCHIGI_CSV + "092011,宇都宮市,,,city,,,\n", "twice"),
    ],
)
def test_a_bad_row_is_reported_and_nothing_is_written(db, tmp_path, csv, problem):
    with translation.override("en"), pytest.raises(RegionDataError) as excinfo:
        load_region_folder(write_folder(tmp_path / "bad", csv=csv))
    assert any(problem in p for p in excinfo.value.problems)
    assert not Prefecture.objects.exists() and not Municipality.objects.exists()


def test_command_reports_problems_without_a_traceback(db, tmp_path):
    folder = write_folder(tmp_path / "bad", csv=TOCHIGI_CSV.replace("092011", "092012"))
    with pytest.raises(CommandError, match=r"municipalities\.csv:2"):
        call_command("load_prefecture", str(folder))
