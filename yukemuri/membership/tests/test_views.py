"""The membership pages: plans and sign-up, the desk, the operator's members and invoices, PDFs and CSV."""

from datetime import date

import pytest
from django.urls import reverse

from yukemuri.membership import services
from yukemuri.membership.models import Invoice, MemberCard, Membership, Visit
from yukemuri.people.tests.factories import PersonFactory

from .conftest import MONDAY, at
from .test_services import frozen


def test_plans_are_shown_to_everyone(client, plans):
    page = client.get(reverse("membership_home"))
    assert page.status_code == 200
    for name in ("月額法人会員", "月額個人会員", "個人会員（月額会員以外）"):
        assert name in page.content.decode()


def test_join_keeps_what_was_typed_on_errors_and_then_shows_the_card(client, plans, member):
    client.force_login(member)
    url = reverse("membership_join", args=[plans["hourly"].pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"starts_on": "2000-01-01", "billing_name": "花子商店"})
    assert refused.status_code == 400 and "花子商店" in refused.content.decode()
    assert client.post(url, {"starts_on": date.today().isoformat()}).status_code == 302
    home = client.get(reverse("membership_home")).content.decode()
    code = MemberCard.objects.get(person=member).code
    assert code in home and "<svg" in home


def test_join_needs_login(client, plans):
    page = client.get(reverse("membership_join", args=[plans["hourly"].pk]))
    assert page.status_code == 302 and "login" in page["Location"]


def test_the_desk_checks_in_and_out(client, plans, member, operator):
    services.join(by=member, plan=plans["hourly"])
    code = MemberCard.objects.get(person=member).code
    url = reverse("membership_desk", args=[plans["hourly"].space.slug])
    client.force_login(operator)
    assert code in client.get(url + f"?code={code}").content.decode()  # the QR's link fills the code in
    page = client.post(url, {"code": code})
    assert page.status_code == 200 and "湯煙 花子" in page.content.decode()
    client.post(url, {"code": code})
    assert Visit.objects.get().checked_out_at is not None
    assert client.post(url, {"code": "WRONG222"}).status_code == 400


def test_the_desk_and_members_are_the_operators(client, plans, member):
    client.force_login(member)
    slug = plans["hourly"].space.slug
    for name in ("membership_desk", "membership_members", "membership_invoices", "membership_invoices_csv"):
        assert client.get(reverse(name, args=[slug])).status_code == 403
    assert client.get(reverse("membership_desk", args=["nosuch"])).status_code == 404


def test_operator_issues_the_month_and_the_member_sees_their_invoice(client, plans, member, operator, issuer):
    space = plans["hourly"].space
    with frozen(at(MONDAY, 9)):
        services.join(by=member, plan=plans["hourly"])
    code = MemberCard.objects.get(person=member).code
    services.desk_scan(by=operator, space=space, code=code, at=at(MONDAY, 10))
    services.desk_scan(by=operator, space=space, code=code, at=at(MONDAY, 12))
    client.force_login(operator)
    url = reverse("membership_invoices", args=[space.slug])
    assert client.post(url + "?month=2026-12").status_code == 302
    invoice = Invoice.objects.get()
    listing = client.get(url + "?month=2026-12").content.decode()
    assert invoice.number in listing
    csv = client.get(reverse("membership_invoices_csv", args=[space.slug]) + "?month=2026-12")
    assert csv["Content-Type"].startswith("text/csv") and invoice.number in csv.content.decode()
    assert client.get(url + "?month=garbage").status_code == 200  # a bad month shows this month
    client.force_login(member)
    pdf = client.get(reverse("membership_invoice_pdf", args=[invoice.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    home = client.get(reverse("membership_home")).content.decode()
    assert invoice.number in home and reverse("membership_invoice_csv", args=[invoice.pk]) in home
    own = client.get(reverse("membership_invoice_csv", args=[invoice.pk]))
    assert own["Content-Type"].startswith("text/csv") and f'filename="{invoice.number}.csv"' in own["Content-Disposition"]
    rows = own.content.decode().splitlines()
    assert rows[0].startswith("invoice_number,") and len(rows) == 1 + invoice.lines.count() + len(invoice.per_rate)
    assert all(row.startswith(invoice.number + ",") for row in rows[1:])
    client.force_login(PersonFactory())
    assert client.get(reverse("membership_invoice_pdf", args=[invoice.pk])).status_code == 404
    assert client.get(reverse("membership_invoice_csv", args=[invoice.pk])).status_code == 404


def test_change_and_cancel_from_the_members_page(client, plans, member):
    membership = services.join(by=member, plan=plans["hourly"])
    client.force_login(member)
    page = client.post(reverse("membership_change", args=[membership.pk]), {"plan": plans["individual"].pk})
    assert page.status_code == 302
    assert Membership.objects.filter(person=member, plan__code="individual").exists()
    successor = Membership.objects.get(plan__code="individual")
    client.post(reverse("membership_cancel", args=[successor.pk]))
    successor.refresh_from_db()
    assert successor.ends_on is not None
    client.force_login(PersonFactory())
    assert client.post(reverse("membership_cancel", args=[membership.pk])).status_code == 404


@pytest.mark.parametrize("query", ["?code=" + "X" * 5000, "?code=%00", "?month=9999-99"])
def test_odd_parameters_never_fail(client, plans, operator, query):
    client.force_login(operator)
    slug = plans["hourly"].space.slug
    assert client.get(reverse("membership_desk", args=[slug]) + query).status_code == 200
    assert client.get(reverse("membership_invoices", args=[slug]) + query).status_code == 200


def test_cancel_goes_back_only_to_this_site(client, plans, member, operator):
    first = services.join(by=member, plan=plans["hourly"])
    client.force_login(operator)
    back = reverse("membership_members", args=[plans["hourly"].space.slug])
    assert client.post(reverse("membership_cancel", args=[first.pk]), {"next": back})["Location"] == back
    other = services.join(by=operator, plan=plans["hourly"], person=PersonFactory())
    away = client.post(reverse("membership_cancel", args=[other.pk]), {"next": "https://evil.example/"})
    assert away["Location"] == reverse("membership_home")
