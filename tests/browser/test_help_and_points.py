"""Issue 15's journey on a 360 px phone, in real Chromium: a farm posts a help request (お手伝い募集); a guest
signs up for a slot without an account; the farm checks them in; the guest opens an account under the same
address and finds the points in their wallet (幸福ポイント); they redeem them at a shop, which confirms; the
issuer's dashboard shows both. axe-clean and no sideways scrolling at every step, with screenshots."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from yukemuri.events.models import Registration
from yukemuri.help.models import HelpRequest
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.points import services as points
from yukemuri.points.models import Account
from yukemuri.regions.models import Municipality

from .helpers import PHONE, logged_in, path_is, sign_up, ui

TITLE = "高原キャベツの収穫のお手伝い"
GUEST_EMAIL = "hanako.guest@example.jp"
POINTS = 60


def _link(pattern: str) -> str:
    """The path of the newest e-mail's link matching `pattern`."""
    found = re.search(r"https?://[^/\s]+(" + pattern + r")", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


@pytest.mark.browser
def test_a_farm_asks_for_help_a_guest_helps_and_spends_the_points_at_a_shop(page, axe_check, layout_check,
                                                                            screenshot):
    def checked(p, name):
        axe_check(p)
        layout_check(p)
        screenshot(p, name)

    tsumagoi = Municipality.objects.get(code="104256")
    issuer = points.issuer_open(by=None, name="嬬恋村 幸福ポイント", municipality=tsumagoi, expiry_months=12)
    farm = Organisation.objects.create(name="嬬恋高原ファーム", kind=Organisation.Kind.COMPANY, municipality=tsumagoi,
                                       verified=True)
    farmer = PersonFactory(display_name="農園の佐藤")
    Membership.objects.create(organisation=farm, person=farmer)
    shop = Organisation.objects.create(name="キャベツ直売所", kind=Organisation.Kind.COMPANY, municipality=tsumagoi,
                                       verified=True)
    merchant = points.merchant_open(by=None, organisation=shop)
    clerk = PersonFactory(display_name="直売所の店員")
    Membership.objects.create(organisation=shop, person=clerk)
    officer = PersonFactory(display_name="村の職員")
    role_assign(person=officer, role=Role.MUNICIPAL_STAFF)

    # 1. The farm posts the request on a phone: what, where, what helpers get; then a slot; then publishes.
    host = logged_in(page, farmer, viewport=PHONE)
    host.goto("/help/new/")
    checked(host, "help-new")
    host.fill("#id_title", TITLE)
    host.select_option("#id_kind", "harvest")
    host.fill("#id_description", "早朝の**キャベツ収穫**です。長靴でお越しください。")
    host.select_option("#id_municipality", "104256")
    host.fill("#id_place_name", "鎌原地区 公民館前")
    host.fill("#id_points", str(POINTS))
    host.check("#id_meal")
    host.locator("main form button[type=submit]").click()
    request = HelpRequest.objects.get(title=TITLE)
    expect(host).to_have_url(path_is(f"/help/{request.pk}/slots/new/"))  # a draft asks for its first slot at once
    assert request.status == HelpRequest.Status.DRAFT and request.points == POINTS
    day = timezone.localdate() + timedelta(days=10)
    host.fill("#id_date", day.isoformat())
    host.fill("#id_start_time", "06:00")
    host.fill("#id_end_time", "10:00")
    host.fill("#id_helpers", "2")
    checked(host, "help-slot-new")
    host.locator("main form button[type=submit]").click()
    expect(host).to_have_url(path_is(f"/help/{request.pk}/"))
    host.get_by_role("button", name=ui("Publish")).click()
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.PUBLISHED
    slot = request.slots.get()
    event = slot.event
    assert event.capacity == 2

    # 2. A guest finds it in the public list and signs up for the slot with a name and an address only.
    guest = page(viewport=PHONE)
    guest.goto("/help/")
    checked(guest, "help-list")
    guest.get_by_role("link", name=TITLE).click()
    expect(guest).to_have_url(path_is(f"/help/{request.pk}/"))
    expect(guest.locator("h1")).to_have_text(TITLE)
    slot_box = guest.locator(f"section[aria-labelledby='slot-{slot.pk}']")
    slot_box.locator("summary").click()
    checked(guest, "help-detail-guest")
    slot_box.locator("input[name=name]").fill("山田 花子")
    slot_box.locator("input[name=email]").fill(GUEST_EMAIL)
    slot_box.locator("input[name=consent]").check()
    slot_box.locator("button[type=submit]").click()
    registration = Registration.objects.get(event=event, guest_email=GUEST_EMAIL)
    assert registration.status == Registration.Status.UNCONFIRMED
    guest.goto(_link(r"/events/tickets/[\w-]+/"))
    guest.get_by_role("button", name=ui("Confirm my registration")).click()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    checked(guest, "help-ticket")

    # 3. On the day the farm checks the guest in by the code on the ticket.
    host.goto(f"/help/{request.pk}/signups/")
    expect(host.locator("main")).to_contain_text("山田 花子")
    checked(host, "help-signups")
    host.goto(f"/events/{event.pk}/check-in/")
    host.fill("#id_code", registration.code.lower())  # as typed: any case
    host.get_by_role("button", name=ui("Check in")).click()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert not Account.objects.filter(kind=Account.Kind.WALLET).exists()  # a guest has no wallet (yet)

    # 4. The guest opens an account under the same address and confirms it: the help is theirs, and its points.
    sign_up(guest, email=GUEST_EMAIL, name="はなこ", municipality="104256")
    guest.goto(_link(r"/accounts/verify/[^/\s]+/"))
    guest.get_by_role("button", name=ui("Confirm my address")).click()
    registration.refresh_from_db()
    assert registration.person is not None and registration.person.email == GUEST_EMAIL
    guest.goto("/me/points/")
    expect(guest.locator(".balance strong")).to_have_text(str(POINTS))
    expect(guest.locator("main")).to_contain_text(TITLE)
    checked(guest, "help-wallet")

    # 5. At the shop the person reads the shop's code and offers 40 points; the clerk confirms at the counter.
    guest.goto(f"/points/m/{merchant.code}/")
    guest.fill("#id_amount", "40")
    guest.fill("#id_note", "キャベツ 2玉")
    checked(guest, "help-pay")
    guest.get_by_role("button", name=ui("Offer these points")).click()
    counter = logged_in(page, clerk, viewport=PHONE)
    counter.goto(f"/points/merchants/{merchant.pk}/")
    expect(counter.locator("main")).to_contain_text("キャベツ 2玉")
    checked(counter, "help-counter")
    counter.get_by_role("button", name=ui("Confirm")).click()
    guest.goto("/me/points/")
    expect(guest.locator(".balance strong")).to_have_text(str(POINTS - 40))

    # 6. The village's dashboard shows what it issued and what was redeemed this month.
    office = logged_in(page, officer, viewport=PHONE)
    office.goto(f"/points/issuers/{issuer.pk}/")
    month = timezone.localdate().strftime("%Y-%m")
    row = office.locator("table.points-report tbody tr", has_text=month)
    expect(row.locator("td")).to_have_text([str(POINTS), "40", "0", "0"])
    checked(office, "help-issuer")
    issuer.refresh_from_db()
    assert issuer.balance == -POINTS
