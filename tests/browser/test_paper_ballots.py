"""Broad listening on paper (issue 19), in real Chromium: staff print a conversation's numbered ballots (A4, a QR
code to the online conversation), enter a batch of three returned ballots with the keyboard alone, and the
report's counts and number of participants on paper change. axe-clean, no sideways scrolling, screenshots."""

import pytest
from playwright.sync_api import expect

from yukemuri.listening import report, services
from yukemuri.listening.models import Participant
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

from .helpers import PHONE, checked, logged_in, ui, ui_count

SEEDS = ["空き家は地域の資源だ", "行政が主導すべき", "古い町並みを残したい"]


@pytest.mark.browser
def test_staff_print_ballots_enter_a_batch_and_the_report_counts_them(page, axe_check, layout_check, screenshot):
    staff = PersonFactory(display_name="町の職員")
    role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    conversation = services.conversation_create(by=staff, title="空き家をどうする？", question="どう思いますか？",
                                                seeds=SEEDS)
    desk = logged_in(page, staff, viewport=PHONE)

    # 1. From the report, the ballots: how many to print, then one A4 sheet per number with its QR code.
    desk.goto(f"/listening/{conversation.pk}/report/")
    desk.get_by_role("link", name=ui("Paper ballots: print and enter")).click()
    checked(desk, axe_check, layout_check, screenshot, "ballot-start")
    desk.get_by_label(ui("First ballot number")).fill("101")
    desk.get_by_label(ui("How many ballots")).fill("3")
    desk.get_by_role("button", name=ui("Show the ballots to print")).click()
    expect(desk.locator("article.ballot")).to_have_count(3)
    expect(desk.locator(".ballot-number")).to_have_text(["101", "102", "103"])
    expect(desk.locator("article.ballot").first.locator("svg")).to_have_count(1)
    expect(desk.locator("article.ballot").first.locator("tbody tr")).to_have_count(len(SEEDS))
    checked(desk, axe_check, layout_check, screenshot, "ballot-print")
    desk.emulate_media(media="print")
    expect(desk.locator(".site-header")).to_be_hidden()
    desk.emulate_media(media="screen")

    # 2. Three returned ballots, with the keyboard alone: number, Tab, a/d/p per statement, Enter.
    desk.get_by_role("link", name=ui("Enter returned ballots")).click()
    for number, marks in (("101", "aad"), ("102", "dap"), ("103", "a p")):
        expect(desk.locator("#id_number")).to_be_focused()  # autofocus: the next ballot starts at once
        desk.keyboard.type(number)
        for mark in marks:
            desk.keyboard.press("Tab")
            if mark != " ":
                desk.keyboard.type(mark)
        desk.keyboard.press("Enter")
        expect(desk.locator(".messages")).to_contain_text(ui("Ballot %(number)s is entered. Next ballot:",
                                                             number=number))
    checked(desk, axe_check, layout_check, screenshot, "ballots-enter")
    # The same number again replaces that ballot, and says so.
    desk.keyboard.type("102")
    desk.keyboard.press("Tab")
    desk.keyboard.type("p")
    desk.keyboard.press("Enter")
    expect(desk.locator(".messages")).to_contain_text(
        ui("Ballot %(number)s had been entered before: its marks are replaced by these.", number="102"))
    assert Participant.objects.filter(conversation=conversation, ballot__isnull=False).count() == 3

    # 3. The report (computed in the background; here at once) counts them.
    report.refresh(conversation)
    conversation.refresh_from_db()
    assert conversation.analysis["paper_participants"] == 3
    desk.goto(f"/listening/{conversation.pk}/report/")
    expect(desk.locator("#paper-participants")).to_have_text(ui_count(
        "%(counter)s participant took part on a paper ballot.", "%(counter)s participants took part on paper ballots.",
        3))
    expect(desk.locator("main")).to_contain_text(ui("%(people)s participants, %(votes)s votes; %(mapped)s voted enough "
                                                    "to be on the map.", people=3, votes=6,
                                                    mapped=conversation.analysis["in_map"]))
    checked(desk, axe_check, layout_check, screenshot, "ballot-report")
