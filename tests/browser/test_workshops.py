"""The organiser's flow of issue 3 in real Chromium: a three-session series, registration up to the
waiting list (one guest), a cancellation that promotes, check-in by code, a diagram in session 2 with
a node promoted to an issue, and an idea captured in session 3 that shows its provenance on /ideas/."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from yukemuri.events.models import Event, Registration, Series
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Area
from yukemuri.workshops.models import Node

from .helpers import PHONE, checked, logged_in, path_is, ui

SERIES = "未来共創ワークショップ 2026 高崎安中"
SESSIONS = [(1, "第1回 SDGsカードゲーム"), (2, "第2回 課題の構造図"), (3, "第3回 アイデア出し")]
NODES = [("cause", "若者の転出"), ("cause", "情報が集まらない"), ("problem", "空き家が増える"), ("effect", "にぎわいの喪失"),
         ("asset", "古民家"), ("idea", "古民家カフェ")]
EDGES = [("若者の転出", "causes", "空き家が増える"), ("情報が集まらない", "causes", "空き家が増える"),
         ("空き家が増える", "leads_to", "にぎわいの喪失"), ("古民家カフェ", "addresses", "空き家が増える")]


@pytest.mark.browser
def test_organiser_runs_a_three_session_workshop(page, gunma, axe_check, layout_check, screenshot):
    organiser = PersonFactory(display_name="県の担当者")
    role_assign(person=organiser, role=Role.COORDINATOR)
    area = Area.objects.get(name="高崎安中")

    # 1. The organiser creates the series and its three sessions through the forms.
    host = logged_in(page, organiser)
    host.goto("/workshops/new/")
    host.fill("#id_title", SERIES)
    host.select_option("#id_place", f"a:{area.pk}")
    host.get_by_role("button", name=ui("Create the series")).click()
    series = Series.objects.get(title=SERIES)
    expect(host).to_have_url(path_is(f"/workshops/{series.pk}/"))
    first_day = timezone.localdate() + timedelta(days=14)
    for number, title in SESSIONS:
        host.get_by_role("link", name=ui("Add a session")).click()
        expect(host.locator("#id_session_number")).to_have_value(str(number))
        host.fill("#id_title", title)
        host.fill("#id_date", (first_day + timedelta(days=14 * (number - 1))).isoformat())
        host.fill("#id_start_time", "13:30")
        host.fill("#id_end_time", "16:30")
        host.fill("#id_venue_name", "高崎市総合福祉センター")
        host.fill("#id_capacity", "2")
        host.check("#id_step_free")
        host.get_by_role("button", name=ui("Publish the event")).click()
        expect(host).to_have_url(path_is(f"/workshops/{series.pk}/"))
    expect(host.locator("section.session h2")).to_have_count(3)
    checked(host, axe_check, layout_check, screenshot, "workshop-series")
    first, second, third = (Event.objects.get(series=series, session_number=n) for n, _t in SESSIONS)

    # 2. Residents register for session 1 until the waiting list starts; one is a guest.
    alice, bob = PersonFactory(display_name="アリス"), PersonFactory(display_name="ボブ")
    resident = logged_in(page, alice, viewport=PHONE)
    resident.goto(f"/events/{first.pk}/")
    resident.get_by_role("button", name=ui("Register", context="event")).click()
    expect(resident.locator(".ticket-status")).to_contain_text(ui("Confirmed"))
    checked(resident, axe_check, layout_check, screenshot, "ticket")

    guest = page(viewport=PHONE)
    guest.goto(f"/events/{first.pk}/")
    expect(guest.locator(".accessibility")).to_contain_text(ui("Step-free access to the venue"))
    checked(guest, axe_check, layout_check, screenshot, "event-guest-form")
    guest.fill("#id_name", "Nguyen Van A")
    guest.fill("#id_email", "nguyen@example.com")
    guest.check("#id_consent")
    guest.get_by_role("button", name=ui("Register", context="event")).click()
    expect(guest.locator("h1")).to_have_text(ui("Check your e-mail"))
    link = re.search(r"https?://[^/\s]+(/(?:\w+/)?events/tickets/\S+/)", mail.outbox[-1].body)
    guest.goto(link.group(1))  # the e-mail names the configured SITE_URL; the path is what matters
    guest.get_by_role("button", name=ui("Confirm my registration")).click()
    expect(guest.locator(".ticket-status")).to_contain_text(ui("Confirmed"))
    guest_code = guest.locator(".ticket-code strong").inner_text()

    waiting = logged_in(page, bob)
    waiting.goto(f"/events/{first.pk}/")
    waiting.get_by_role("button", name=ui("Join the waiting list")).click()
    expect(waiting.locator(".ticket-status")).to_contain_text(ui("On the waiting list"))

    # 3. Alice cancels; Bob, first on the waiting list, gets the seat and an e-mail.
    resident.get_by_role("button", name=ui("Cancel my registration")).click()
    expect(resident.locator(".ticket-status")).to_contain_text(ui("Cancelled"))
    waiting.reload()
    expect(waiting.locator(".ticket-status")).to_contain_text(ui("Confirmed"))
    assert mail.outbox[-1].to == [bob.email]

    # 4. Check-in at the door by typing the guest's code.
    host.goto(f"/events/{first.pk}/check-in/")
    host.fill("#id_code", guest_code.lower())
    host.get_by_role("button", name=ui("Check in")).click()
    expect(host.locator("p.notice")).to_contain_text(guest_code)
    checked(host, axe_check, layout_check, screenshot, "check-in")
    assert Registration.objects.get(code=guest_code).checked_in_at is not None

    # 5. Session 2: the group builds a diagram and promotes the problem to a regional issue.
    host.goto(f"/events/{second.pk}/")
    host.fill(f"#diagram-title-{second.pk}", "テーブルA 空き家")
    host.get_by_role("button", name=ui("Start a diagram")).click()
    for kind, label in NODES:
        host.select_option("#id_kind", kind)
        host.fill("#id_label", label)
        host.get_by_role("button", name=ui("Add the box")).click()
    for source, relation, target in EDGES:
        form = host.locator("#edge-form")
        form.locator("#id_source").select_option(str(Node.objects.get(label=source).pk))
        form.locator("select[name=kind]").select_option(relation)
        form.locator("#id_target").select_option(str(Node.objects.get(label=target).pk))
        form.get_by_role("button", name=ui("Add the arrow")).click()
    expect(host.locator("#diagram svg g.node")).to_have_count(len(NODES))
    expect(host.locator("#diagram svg path[marker-end]")).to_have_count(len(EDGES))
    checked(host, axe_check, layout_check, screenshot, "diagram")
    host.locator("li", has=host.locator("strong", has_text="空き家が増える")).get_by_role(
        "button", name=ui("Publish as a regional issue")).click()
    issue = Issue.objects.get(title="空き家が増える")
    expect(host).to_have_url(path_is(f"/issues/{issue.pk}/"))
    expect(host.locator(".born-at")).to_contain_text(SERIES)

    # 6. Session 3: an idea is captured at the table and appears on /ideas/ with where it was born.
    host.goto(f"/workshops/sessions/{third.pk}/ideas/new/")
    expect(host.locator(f"input[name=issues][value='{issue.pk}']")).to_be_visible()
    host.fill("#id_title", "空き家DIYの会")
    host.fill("#id_body", "月に一度、地域のみんなで空き家を直し、使い手を探す。")
    host.fill("#id_themes", "空き家")
    host.check(f"input[name=issues][value='{issue.pk}']")
    checked(host, axe_check, layout_check, screenshot, "capture-idea")
    host.get_by_role("button", name=ui("Save and capture the next")).click()
    expect(host.locator(".messages")).to_contain_text("空き家DIYの会")
    idea = Idea.objects.get(title="空き家DIYの会")
    assert idea.origin_event == third and list(idea.issues.all()) == [issue]
    host.goto("/ideas/")
    host.get_by_role("link", name="空き家DIYの会").click()
    expect(host.locator(".born-at")).to_contain_text(SERIES)
    expect(host.locator(".born-at")).to_contain_text("第3回 アイデア出し")
    host.goto(f"/workshops/{series.pk}/")
    expect(host.locator(f"#session-{third.pk}").locator("xpath=..")).to_contain_text("空き家DIYの会")
