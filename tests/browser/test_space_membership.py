"""Issue 17's members on a 360 px phone, in real Chromium: a person joins NETSUGEN as an hourly member (個人会員
（月額会員以外）), books a meeting room and a consultation with a coordinator, is checked in and out twice in a day at
the desk with their member code; the operator sees the visits, issues the month's invoices and opens the member's
invoice PDF, which is rendered to PNG and looked at. The issue's journey is one person's, so it is one test.
axe-clean and no sideways scrolling at every step, with screenshots."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yukemuri.consultations import services as consultations
from yukemuri.consultations.models import Consultation, Field, Qualification
from yukemuri.consultations.reference import ensure
from yukemuri.membership.models import Invoice, Issuer, MemberCard, Visit
from yukemuri.membership.tests.conftest import make_plans, make_space
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Prefecture
from yukemuri.space.models import Booking, Facility

from .conftest import SCREENSHOTS
from .helpers import PHONE, checked, logged_in, path_is, sign_up


@pytest.mark.browser
def test_an_hourly_member_visits_twice_and_the_operator_invoices_the_month(page, axe_check, layout_check,
                                                                             screenshot, tmp_path):
    space = make_space(Prefecture.objects.get(code="100005"))
    plans = make_plans(space)
    operator = PersonFactory(display_name="運営スタッフ")
    role_assign(person=operator, role=Role.OPERATOR)
    # A registered issuer, so the PDF looked at below is a 適格請求書 with its registration number.
    Issuer.objects.create(space=space, name="株式会社ネツゲン運営", registration_number="T1234567890123")
    room = Facility.objects.create(space=space, name="会議室1", kind=Facility.Kind.ROOM, capacity=8, bookable=True)
    ensure(Qualification, Field)
    coordinator = PersonFactory(display_name="佐々木 診断士")
    role_assign(person=coordinator, role=Role.COORDINATOR)
    consultations.profile_save(by=operator, person=coordinator, space=space,
                               qualifications=list(Qualification.objects.filter(code="cpa")),
                               fields=list(Field.objects.filter(code="funding")))
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    starts = (timezone.localtime() + timedelta(days=3)).replace(hour=14, minute=0, second=0, microsecond=0)
    slot = consultations.slot_publish(by=coordinator, starts_at=starts, minutes=60, online=True)

    # 1. A person makes an account on a phone and joins the hourly plan.
    member = page(viewport=PHONE)
    sign_up(member, email="hanako.member@example.jp", name="湯煙 花子")
    member.goto("/space/membership/")
    checked(member, axe_check, layout_check, screenshot, "membership-plans")
    member.get_by_role("link", name="個人会員（月額会員以外）").last.click()
    expect(member).to_have_url(path_is(f"/space/membership/join/{plans['hourly'].pk}/"))
    checked(member, axe_check, layout_check, screenshot, "membership-join")
    member.locator("main form button[type=submit]").click()
    expect(member).to_have_url(path_is("/space/membership/"))
    card = MemberCard.objects.get(person__email="hanako.member@example.jp")
    expect(member.locator("code.ticket-code")).to_have_text(card.code)
    expect(member.locator(".qr svg")).to_be_visible()
    checked(member, axe_check, layout_check, screenshot, "membership-card")

    # 2. The new member books a room next week (every slot still ahead) and a consultation with the intake form.
    member.goto(f"/space/{room.pk}/")
    member.locator("a[rel=next]").click()
    member.locator("td.slot-free a").first.click()
    member.fill("#id_purpose", "事業計画の打合せ")
    member.locator("#book-form button[type=submit]").click()
    expect(member.locator("#mine-h")).to_be_visible()
    assert Booking.objects.get(facility=room).person == card.person
    checked(member, axe_check, layout_check, screenshot, "membership-room-booked")
    member.goto("/space/consultations/")
    member.locator(f"main a[href='/space/consultations/slots/{slot.pk}/book/']").click()
    member.fill("#id_topic", "コワーキングでの創業準備")
    member.select_option("#id_stage", "preparing")
    member.fill("#id_needs", "創業融資の相談をしたい。")
    member.locator("main form button[type=submit]").click()
    consultation = Consultation.objects.get()
    expect(member).to_have_url(path_is(f"/space/consultations/{consultation.pk}/"))
    assert (consultation.member, consultation.slot) == (card.person, slot)
    checked(member, axe_check, layout_check, screenshot, "membership-consultation-booked")

    # 3. At the desk the operator types the code four times: in, out, in, out.
    desk = logged_in(page, operator, viewport=PHONE)
    desk.goto(f"/space/membership/{space.slug}/desk/")
    checked(desk, axe_check, layout_check, screenshot, "membership-desk")
    for n in range(4):
        desk.fill("#id_code", card.code.lower() if n % 2 else card.code)  # typed in lower case too
        desk.locator("main form button[type=submit]").click()
        expect(desk.locator("main p.notice")).to_contain_text("湯煙 花子")
    assert Visit.objects.filter(person=card.person, checked_out_at__isnull=False).count() == 2
    checked(desk, axe_check, layout_check, screenshot, "membership-desk-visits")
    # The desk stamped the real time (seconds apart); give the two visits the day's hours they stand for:
    # 10:00–11:01 and 14:00–14:30, 1 h 31 min → 2 started hours → 500 yen.
    today = timezone.localdate()
    for visit, (start, end) in zip(Visit.objects.order_by("checked_in_at"), [((10, 0), (11, 1)), ((14, 0), (14, 30))],
                                   strict=True):
        visit.checked_in_at = timezone.make_aware(datetime.combine(today, time(*start)))
        visit.checked_out_at = timezone.make_aware(datetime.combine(today, time(*end)))
        visit.save()

    # 4. The operator sees the visits and issues the month's invoices.
    desk.goto(f"/space/membership/{space.slug}/members/")
    expect(desk.locator("main")).to_contain_text("湯煙 花子")
    expect(desk.locator("main table").last).to_contain_text("11:01")
    checked(desk, axe_check, layout_check, screenshot, "membership-members")
    desk.goto(f"/space/membership/{space.slug}/invoices/")
    desk.locator("main form[method=post] button[type=submit]").click()
    invoice = Invoice.objects.get()
    assert invoice.total == 500
    expect(desk.locator("main table")).to_contain_text(invoice.number)
    checked(desk, axe_check, layout_check, screenshot, "membership-invoices")

    # 5. The invoice PDF, fetched as the operator's browser would, rendered to PNG and looked at.
    pdf = desk.request.get(f"/space/membership/invoice/{invoice.pk}.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    import pypdf
    import pypdfium2

    # The title is letter-spaced, so the extracted text is compared without its white space.
    text = "".join(pypdf.PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text().split())
    for shown in ("適格請求書", "登録番号:T1234567890123", invoice.number, "湯煙花子", "10%50045"):
        assert shown in text, shown  # registration number, items, rate, tax per rate (⌊500 × 10/110⌋), recipient
    image = pypdfium2.PdfDocument(pdf.body())[0].render(scale=1.5).to_pil().convert("L")
    png = tmp_path / "invoice.png"
    image.save(png)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image.save(SCREENSHOTS / "membership-invoice-pdf.png")
    assert png.stat().st_size > 10_000
    assert sum(image.histogram()[:128]) > 3000  # text and rules: not a blank page

    # 6. The member finds the same invoice on their page.
    member.goto("/space/membership/")
    expect(member.get_by_role("link", name=invoice.number)).to_be_visible()
    checked(member, axe_check, layout_check, screenshot, "membership-own-invoice")
