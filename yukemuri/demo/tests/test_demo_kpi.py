"""The demo gives every KPI the platform counts a value, and the participation page its rates."""

from yukemuri.demo.loader import load_demo
from yukemuri.kpi.compute import COMPUTERS
from yukemuri.kpi.models import IndicatorValue
from yukemuri.kpi.participation import participation


def whole(slug):
    return {v.year: int(v.value) for v in IndicatorValue.objects.filter(indicator__slug=slug, area="")}


def test_the_demo_has_values_for_the_computed_kpis(db):
    load_demo()
    assert whole("creator-laboratory-participants") == {2023: 11, 2024: 18}  # 6 + 5, then + 7: cumulative
    assert whole("online-medicine-seminar-attendees") == {2023: 4}
    assert whole("online-career-seminars") == {2023: 2, 2024: 1}
    assert whole("oze-cocreation-initiatives")[2022] == 1  # 尾瀬の郷倶楽部, a pilot since December 2022
    assert whole("business-school-community-partnerships") == {2023: 1}  # アキヤラボ and the university
    assert whole("seminar-participants") == {2024: 6}
    # Every computed indicator has values, but help given: the demo's help slots are still to come.
    assert {slug for slug in COMPUTERS if not whole(slug)} == {"help-given"}
    table = participation(2024)
    assert table.total.residents > 1_000_000 and table.as_of is not None
