"""Issue 17's consultations on a 360 px phone, in real Chromium: a member books a coordinator's slot with the
intake form; the coordinator sees it on their page, writes a private note and a follow-up and hands the case to
matching (a partner company); the operator's dashboard counts it by field and the caseload shows the follow-up.
axe-clean and no sideways scrolling at every step, with screenshots."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yukemuri.consultations import services
from yukemuri.consultations.models import Consultation, Field, Qualification
from yukemuri.consultations.reference import ensure
from yukemuri.matching.models import Opening
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Prefecture
from yukemuri.space.models import Facility
from yukemuri.space.tests.factories import make_space

from .helpers import PHONE, checked, logged_in, path_is, sign_up


def _space_with_a_coordinator():
    ensure(Qualification, Field)
    company = Organisation.objects.create(name="運営会社", kind=Organisation.Kind.COMPANY, verified=True)
    space = make_space(Prefecture.objects.get(code="100005"), operator=company)
    room = Facility.objects.create(space=space, name="相談室", kind=Facility.Kind.ROOM, capacity=4, bookable=True)
    operator = PersonFactory(display_name="運営スタッフ")
    role_assign(person=operator, role=Role.OPERATOR)
    Membership.objects.create(organisation=company, person=operator)
    coordinator = PersonFactory(display_name="佐々木 会計士")
    role_assign(person=coordinator, role=Role.COORDINATOR)
    services.profile_save(by=operator, person=coordinator, space=space,
                          qualifications=list(Qualification.objects.filter(code="cpa")),
                          fields=list(Field.objects.filter(code__in=["funding", "business-plan"])))
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    starts = (timezone.localtime() + timedelta(days=3)).replace(hour=14, minute=0, second=0, microsecond=0)
    slot = services.slot_publish(by=coordinator, starts_at=starts, minutes=60, facility=room)
    return space, operator, coordinator, slot


@pytest.mark.browser
def test_a_member_books_a_consultation_and_the_coordinator_hands_it_on(page, axe_check, layout_check, screenshot):
    space, operator, coordinator, slot = _space_with_a_coordinator()

    # 1. A person makes an account on a phone, finds the slot by field and books it with the intake form.
    member = page(viewport=PHONE)
    sign_up(member, email="taro.consult@example.jp", name="湯煙 太郎")
    member.goto("/space/consultations/")
    member.select_option("#id_field", "funding")
    member.locator("main form.filters button[type=submit]").click()
    checked(member, axe_check, layout_check, screenshot, "consultation-slots")
    member.locator(f"main a[href='/space/consultations/slots/{slot.pk}/book/']").click()
    expect(member).to_have_url(path_is(f"/space/consultations/slots/{slot.pk}/book/"))
    checked(member, axe_check, layout_check, screenshot, "consultation-book")
    member.fill("#id_topic", "子育てカフェの開業資金")
    member.select_option("#id_field", label="資金調達")
    member.select_option("#id_stage", "preparing")
    member.fill("#id_needs", "創業融資と補助金のどちらが合うか知りたい。")
    member.locator("main form button[type=submit]").click()
    consultation = Consultation.objects.get()
    expect(member).to_have_url(path_is(f"/space/consultations/{consultation.pk}/"))
    expect(member.locator("main")).to_contain_text("創業融資と補助金")
    checked(member, axe_check, layout_check, screenshot, "consultation-booked")

    # 2. The coordinator sees it, writes a private note and a follow-up, and hands it to matching.
    desk = logged_in(page, coordinator, viewport=PHONE)
    desk.goto("/space/consultations/coordinator/")
    expect(desk.locator("main")).to_contain_text("湯煙 太郎")
    checked(desk, axe_check, layout_check, screenshot, "consultation-coordinator")
    desk.get_by_role("link", name="子育てカフェの開業資金").click()
    expect(desk).to_have_url(path_is(f"/space/consultations/{consultation.pk}/"))
    desk.fill("#id_private_note", "自己資金は300万円。計画書の数字が甘い。")
    desk.fill("#id_follow_up", "事業計画書の売上予測を見直して送ってもらう")
    desk.fill("#id_follow_up_on", (timezone.localdate() + timedelta(days=14)).isoformat())
    desk.locator("main form:has(input[value=notes]) button[type=submit]").click()
    expect(desk.locator("#id_follow_up")).to_have_value("事業計画書の売上予測を見直して送ってもらう")
    desk.select_option("#id_seeking", "partner")
    desk.fill("#id_skills", "飲食, 子育て支援")
    desk.locator("main form:has(input[value=matching]) button[type=submit]").click()
    expect(desk.locator(f"main a[href='/matching/openings/{Opening.objects.get().pk}/candidates/']")).to_be_visible()
    checked(desk, axe_check, layout_check, screenshot, "consultation-coordinator-notes")
    consultation.refresh_from_db()
    assert consultation.private_note.startswith("自己資金") and consultation.opening.kind == "consultation"

    # The member's page never shows the private note.
    member.reload()
    expect(member.locator("main")).not_to_contain_text("自己資金は300万円")

    # 3. The operator's dashboard counts the consultation under its field; the caseload shows the follow-up.
    office = logged_in(page, operator, viewport=PHONE)
    office.goto(f"/space/dashboard/{space.slug}/")
    row = office.locator("#consultations-h ~ div table tbody tr", has_text="資金調達")
    expect(row.locator("td")).to_have_text("1")
    expect(office.locator("table.heatmap tbody tr")).to_have_count(7)
    checked(office, axe_check, layout_check, screenshot, "space-dashboard")
    office.goto(f"/space/consultations/s/{space.slug}/")
    expect(office.locator("main ul.cards")).to_contain_text("事業計画書の売上予測")
    checked(office, axe_check, layout_check, screenshot, "consultation-caseload")
