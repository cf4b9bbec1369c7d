"""Issue 16's indicator journey on a 360 px phone, in real Chromium: municipal staff enter a value of one of
seed 001's KPIs with its source and a file; the indicator's page and the list show progress to the target by
the stated rule (the straight line from the baseline to the nearest target); a later value that falls behind
the line turns it to "behind". axe-clean, no sideways scrolling, screenshots."""

import pytest
from playwright.sync_api import expect

from yukemuri.kpi.models import IndicatorValue
from yukemuri.kpi.services import load_indicators
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

from .helpers import PHONE, logged_in, path_is, ui

SLUG = "renewable-energy"  # 再生可能エネルギー導入量: 5,689,149 in 2019, targets 6,669,293 (2023) and 7,059,000 (2025)


@pytest.mark.browser
def test_staff_enter_a_value_and_the_dashboard_shows_progress(page, axe_check, layout_check, screenshot, tmp_path):
    def checked(p, name):
        axe_check(p)
        layout_check(p)
        screenshot(p, name)

    load_indicators()
    officer = PersonFactory(display_name="県の職員")
    role_assign(person=officer, role=Role.MUNICIPAL_STAFF)
    evidence = tmp_path / "energy-2022.csv"
    evidence.write_text("year,value\n2022,6500000\n", encoding="utf-8")

    staff = logged_in(page, officer, viewport=PHONE)
    staff.goto(f"/kpi/{SLUG}/")
    expect(staff.locator("h1")).to_contain_text("再生可能エネルギー導入量")
    expect(staff.locator("main")).to_contain_text(ui("No value yet"))
    # 2022: the line from 2019 to the 2023 target stands at 6,424,257; 6,500,000 is past it.
    staff.fill("#id_year", "2022")
    staff.fill("#id_value", "6500000")
    staff.fill("#id_source", "群馬県 再生可能エネルギー導入実績（令和4年度）")
    staff.set_input_files("#id_file", str(evidence))
    checked(staff, "kpi-enter-value")
    staff.get_by_role("button", name=ui("Save the value")).click()
    expect(staff).to_have_url(path_is(f"/kpi/{SLUG}/"))
    entered = IndicatorValue.objects.get(indicator__slug=SLUG, year=2022)
    assert entered.entered_by == officer and entered.source.startswith("群馬県") and entered.file_name
    expect(staff.locator("main")).to_contain_text(ui("On track"))
    expect(staff.locator("main")).to_contain_text("群馬県 再生可能エネルギー導入実績")
    checked(staff, "kpi-indicator-on-track")

    # Anyone sees it on the list of every indicator, without signing in.
    visitor = page(viewport=PHONE)
    visitor.goto("/kpi/")
    card = visitor.locator("ul.cards.indicators > li", has_text="再生可能エネルギー導入量")
    expect(card).to_contain_text(ui("On track"))
    checked(visitor, "kpi-list")

    # 2024: the line to the 2025 target stands at 6,830,691.5; 6,700,000 falls behind it, and the latest counts.
    staff.fill("#id_year", "2024")
    staff.fill("#id_value", "6700000")
    staff.fill("#id_source", "群馬県 再生可能エネルギー導入実績（令和6年度）")
    staff.get_by_role("button", name=ui("Save the value")).click()
    expect(staff.locator("main")).to_contain_text(ui("Behind"))
    visitor.goto("/kpi/")
    expect(card).to_contain_text(ui("Behind"))

    # A resident sees no entry form.
    resident = logged_in(page, PersonFactory(), viewport=PHONE)
    resident.goto(f"/kpi/{SLUG}/")
    expect(resident.get_by_role("button", name=ui("Save the value"))).to_have_count(0)
