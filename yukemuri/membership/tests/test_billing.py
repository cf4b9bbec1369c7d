"""Monthly invoices: lines, tax once per rate, numbers per issuer, idempotent issuing, PDF and CSV."""

import csv
import io
import os
from datetime import date

import pytest
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from yukemuri.core.testing import race, sqlite_on_file
from yukemuri.membership import billing, documents, services
from yukemuri.membership.models import Invoice, InvoiceSequence, MemberCard, Membership
from yukemuri.membership.tasks import issue_invoices
from yukemuri.people.tests.factories import PersonFactory

from .conftest import MONDAY, at
from .test_services import frozen

DECEMBER = date(2026, 12, 1)


def tax_setting(mode):
    from django.conf import settings

    return override_settings(YUKEMURI={**settings.YUKEMURI, "SPACE_FEES_TAX_MODE": mode})


@pytest.fixture
def hourly_member(plans, member, operator):
    space = plans["hourly"].space
    with frozen(at(MONDAY, 9)):
        services.join(by=member, plan=plans["hourly"])
    code = MemberCard.objects.get(person=member).code
    for start, end in [((10, 0), (11, 1)), ((14, 0), (14, 30)),       # Monday: 1 h 31 min → 2 h = 500
                       ]:
        services.desk_scan(by=operator, space=space, code=code, at=at(MONDAY, *start))
        services.desk_scan(by=operator, space=space, code=code, at=at(MONDAY, *end))
    tuesday = date(2026, 12, 8)
    services.desk_scan(by=operator, space=space, code=code, at=at(tuesday, 10))  # 10:00–21:00 by the rule: capped
    return member


def test_lines_per_day_capped(hourly_member, plans):
    membership = Membership.objects.get(person=hourly_member)
    lines = billing.lines_of(membership, DECEMBER)
    assert [(line.day, line.amount) for line in lines] == [(MONDAY, 500), (date(2026, 12, 8), 1000)]
    with translation.override("ja"):
        capped = translation.gettext("Use on %(day)s: %(hours)d h (capped for the day)") % {"day": "2026-12-08",
                                                                                           "hours": 11}
    assert lines[1].description == capped


@pytest.mark.parametrize(("mode", "tax", "total"), [("inclusive", 136, 1500), ("exclusive", 150, 1650),
                                                    ("not_taxable", 0, 1500)])
def test_issue_month_under_each_tax_setting(hourly_member, plans, issuer, mode, tax, total):
    with tax_setting(mode):
        (invoice,) = billing.issue_month(space=plans["hourly"].space, month=DECEMBER, issued_on=date(2027, 1, 5))
    assert (invoice.tax, invoice.total, invoice.tax_mode) == (tax, total, mode)
    assert invoice.number == "NETSUGEN-202612-000001"
    assert invoice.registration_number == "T1234567890123"
    assert invoice.qualified == (mode != "not_taxable")
    assert invoice.recipient == "湯煙 花子"


def test_monthly_members_pay_the_month_without_per_visit_charges(plans, operator, issuer):
    person = PersonFactory(display_name="月額 太郎")
    with frozen(at(date(2026, 12, 20), 9)):
        services.join(by=person, plan=plans["individual"])
    code = MemberCard.objects.get(person=person).code
    services.desk_scan(by=operator, space=plans["individual"].space, code=code, at=at(date(2026, 12, 21), 10))
    services.desk_scan(by=operator, space=plans["individual"].space, code=code, at=at(date(2026, 12, 21), 20))
    (invoice,) = billing.issue_month(space=plans["individual"].space, month=DECEMBER)
    with translation.override("ja"):
        fee = translation.gettext("%(plan)s, %(month)s") % {"plan": "月額個人会員", "month": "2026-12"}
    assert [(line.description, line.amount) for line in invoice.lines.all()] == [(fee, 10000)]
    assert (invoice.tax, invoice.total) == (909, 10000)  # ⌊10000 × 10 / 110⌋


def test_issuing_twice_makes_no_duplicate_and_numbers_follow_on(hourly_member, plans, issuer):
    space = plans["hourly"].space
    first = issue_invoices.enqueue(space.pk, DECEMBER.isoformat())
    second = issue_invoices.enqueue(space.pk, DECEMBER.isoformat())
    assert (first.return_value, second.return_value) == (1, 1)
    assert Invoice.objects.count() == 1
    other = PersonFactory()
    with frozen(at(date(2027, 1, 4), 9)):
        services.join(by=other, plan=plans["individual"])
    billing.issue_month(space=space, month=date(2027, 1, 1))
    assert sorted(Invoice.objects.values_list("sequence", flat=True)) == [1, 2]
    # a number once given is never given again, even if its invoice were removed
    Invoice.objects.filter(sequence=2).delete()
    billing.issue_month(space=space, month=date(2027, 1, 1))
    assert sorted(Invoice.objects.values_list("sequence", flat=True)) == [1, 3]
    assert InvoiceSequence.objects.get(space=space).last == 3


def test_a_member_with_nothing_due_gets_no_invoice(plans, member, issuer):
    with frozen(at(MONDAY, 9)):
        services.join(by=member, plan=plans["hourly"])
    assert billing.issue_month(space=plans["hourly"].space, month=DECEMBER) == []


def test_pdf_has_what_a_qualified_invoice_needs(hourly_member, plans, issuer):
    (invoice,) = billing.issue_month(space=plans["hourly"].space, month=DECEMBER, issued_on=date(2027, 1, 5))
    pdf = documents.invoice_pdf(invoice)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("T1234567890123", "株式会社ネツゲン運営", "湯煙 花子", "NETSUGEN-202612-000001", "2027-01-05",
                     "1,500", "136", "10%"):
        assert expected in text, expected
    fonts = {str(font) for page in reader.pages for font in page["/Resources"]["/Font"].values()
             for font in [font.get_object()["/BaseFont"]]}
    assert any("Noto" in font for font in fonts), fonts  # the Japanese font is embedded


def test_pdf_page_renders_not_blank(hourly_member, plans, issuer, tmp_path):
    import pypdfium2

    (invoice,) = billing.issue_month(space=plans["hourly"].space, month=DECEMBER)
    document = pypdfium2.PdfDocument(documents.invoice_pdf(invoice))
    image = document[0].render(scale=1).to_pil().convert("L")
    image.save(tmp_path / "invoice.png")
    if os.environ.get("INVOICE_PNG"):  # to look at it: INVOICE_PNG=invoice.png pytest … (a path of your choice)
        image.save(os.environ["INVOICE_PNG"])
    dark = sum(image.histogram()[:128])
    assert dark > 2000  # text, rules and figures: far from a blank page


def test_missing_font_is_refused_clearly(hourly_member, plans, issuer):
    from django.conf import settings

    (invoice,) = billing.issue_month(space=plans["hourly"].space, month=DECEMBER)
    with override_settings(YUKEMURI={**settings.YUKEMURI, "INVOICE_FONT_FAMILY": "No Such Font Family 42"}):
        with pytest.raises(documents.InvoiceFontMissing, match="No Such Font Family 42"):
            documents.invoice_pdf(invoice)
    with override_settings(YUKEMURI={**settings.YUKEMURI, "INVOICE_FONT_FILE": "/nonexistent/font.otf"}):
        with pytest.raises(documents.InvoiceFontMissing, match="not a file"):
            documents.invoice_pdf(invoice)


def test_csv_neutralises_formulas(plans, operator, issuer):
    person = PersonFactory(display_name="=HYPERLINK(\"http://x\")")
    with frozen(at(date(2026, 12, 1), 9)):
        services.join(by=person, plan=plans["individual"])
    invoices = billing.issue_month(space=plans["individual"].space, month=DECEMBER)
    rows = list(csv.reader(io.StringIO(documents.invoices_csv(invoices))))
    assert rows[0][0] == "invoice_number"
    assert rows[1][5].startswith("'=")
    assert rows[1][11] == "10000" and rows[2][11] == "10000"


@pytest.mark.django_db(transaction=True)
def test_four_workers_issuing_the_same_month_make_each_invoice_once(gunma, tmp_path):
    """Real threads with their own connections: on PostgreSQL to the test database; on SQLite to a file copy of the
    in-memory test database with the site's settings (WAL, BEGIN IMMEDIATE, a busy timeout), as the site runs."""
    import sqlite3

    from .conftest import make_plans, make_space

    plans = make_plans(make_space(gunma))
    with frozen(at(date(2026, 12, 1), 9)):
        for _ in range(3):
            services.join(by=PersonFactory(), plan=plans["individual"])
    space = plans["individual"].space
    on_file = sqlite_on_file(tmp_path, "invoices.sqlite3")
    errors = race(lambda _share: billing.issue_month(space=space, month=DECEMBER), [None] * 4, database=on_file)
    assert errors == []
    if on_file is None:
        sequences = list(Invoice.objects.values_list("sequence", flat=True))
    else:
        with sqlite3.connect(on_file["NAME"]) as db:
            sequences = [row[0] for row in db.execute("SELECT sequence FROM membership_invoice")]
    assert sorted(sequences) == [1, 2, 3]


def test_invoices_stay_when_the_members_account_goes(hourly_member, plans, issuer):
    (invoice,) = billing.issue_month(space=plans["hourly"].space, month=DECEMBER)
    hourly_member.delete()
    invoice.refresh_from_db()
    assert invoice.membership_id is None and not Membership.objects.exists()
    assert (invoice.recipient, invoice.plan_name, invoice.total) == ("湯煙 花子", "個人会員（月額会員以外）", 1500)
    assert "個人会員（月額会員以外）" in documents.invoices_csv([invoice])


def test_my_memberships_visits_and_invoices_are_in_my_data(hourly_member, plans, issuer):
    from yukemuri.core.personaldata import collect_personal_data

    billing.issue_month(space=plans["hourly"].space, month=DECEMBER)
    data = collect_personal_data(hourly_member)
    assert data["space_memberships"][0]["plan"] == "個人会員（月額会員以外）"
    assert len(data["space_visits"]) == 3
    assert data["space_invoices"][0]["total"] == 1500
