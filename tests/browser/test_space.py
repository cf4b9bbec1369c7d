"""Issue 17 on a 360 px phone, in real Chromium: a resident opens /space/ and a meeting room's week, is told that
members book (with the way to the plans), becomes a member, books a slot (without JavaScript too: the slot links and
the form are plain HTML); the space's operator sees the booking with the resident's name on the operator's list.
axe-clean and no sideways scrolling at every step, with screenshots."""

import pytest
from playwright.sync_api import expect

from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.models import Booking
from yukemuri.space.tests.factories import make_members, make_room, make_space

from .helpers import PHONE, checked, log_in, logged_in


@pytest.mark.browser
def test_a_resident_books_a_room_and_the_operator_sees_it(page, gunma, axe_check, layout_check, screenshot):
    company = Organisation.objects.create(name="NETSUGEN 運営事務局", kind=Organisation.Kind.COMPANY, verified=True)
    space = make_space(gunma, operator=company)
    room = make_room(space, name="会議室1", equipment="モニター、ホワイトボード", accessibility="段差なし")
    resident = PersonFactory(display_name="前橋のはると")
    operator = PersonFactory(display_name="運営スタッフ")
    role_assign(person=operator, role=Role.OPERATOR)
    Membership.objects.create(organisation=company, person=operator)

    # 1. The resident, on a phone, finds the spaces and the room.
    p = logged_in(page, resident, viewport=PHONE)
    p.goto("/space/")
    expect(p.get_by_role("heading", name="NETSUGEN")).to_be_visible()
    checked(p, axe_check, layout_check, screenshot, "space-index")
    p.get_by_role("link", name="会議室1").click()
    expect(p).to_have_url(f"{p.url.split('/space/')[0]}/space/{room.pk}/")
    # Not a member yet: the page says why there is no form and links to the plans (docs/decisions/0029).
    expect(p.locator("#book-refusal")).to_contain_text("NETSUGEN")
    expect(p.locator("#book-form")).to_have_count(0)
    expect(p.locator("main a[href='/space/membership/']")).to_be_visible()
    checked(p, axe_check, layout_check, screenshot, "space-facility-members-only")
    make_members(space, resident)  # joined (the join itself: test_space_membership.py)
    p.reload()
    expect(p.locator("#book-refusal")).to_have_count(0)
    checked(p, axe_check, layout_check, screenshot, "space-facility-week")

    # 2. Next week (every slot still ahead), the first free slot's link fills the form in; book it.
    p.locator("a[rel=next]").click()
    free = p.locator("td.slot-free a").first
    free.click()
    day, start = p.input_value("#id_day"), p.input_value("#id_start")
    assert day and start
    p.select_option("#id_minutes", "60")
    p.fill("#id_purpose", "子育てサークルの打合せ")
    p.locator("#book-form button[type=submit]").click()
    booking = Booking.objects.get(facility=room)
    assert (booking.person, booking.purpose) == (resident, "子育てサークルの打合せ")
    expect(p.locator("td.slot-taken")).to_have_count(2)
    expect(p.locator("#mine-h")).to_be_visible()
    checked(p, axe_check, layout_check, screenshot, "space-booked")

    # 3. The operator sees the booking, with whom it is for, on the space's list.
    o = logged_in(page, operator, viewport=PHONE)
    o.goto("/space/")
    o.locator(f"a[href='/space/s/{space.slug}/bookings/']").click()
    expect(o.get_by_role("cell", name="前橋のはると")).to_be_visible()
    expect(o.get_by_role("cell", name="子育てサークルの打合せ")).to_be_visible()
    checked(o, axe_check, layout_check, screenshot, "space-operator-bookings")
    o.goto(f"/space/{room.pk}/?week={day}")
    expect(o.locator("td.slot-taken", has_text="前橋のはると")).to_have_count(2)

    # 4. Without JavaScript it works the same: the slot's link fills the form in, the form books (axe needs
    # scripts, so it ran on the pages above, which are the same HTML).
    n = page(viewport=PHONE, javascript=False)
    n.goto("/accounts/login/")
    log_in(n, resident.email)
    n.goto(f"/space/{room.pk}/?week={day}")
    n.locator("td.slot-free a").first.click()
    assert n.input_value("#id_day") and n.input_value("#id_start")
    with n.expect_navigation():
        n.locator("#book-form button[type=submit]").click()
    assert Booking.objects.filter(facility=room, person=resident).count() == 2
