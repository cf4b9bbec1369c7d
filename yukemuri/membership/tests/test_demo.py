"""The demo's plans, members, visits and last month's invoices: as seed 001 states them, and loaded once."""

from yukemuri.demo.loader import load_demo
from yukemuri.membership.models import Invoice, Membership, MembershipPlan, Visit


def test_the_demo_plans_members_and_invoices_load_once(db, client):
    load_demo()
    plans = {plan.code: plan for plan in MembershipPlan.objects.all()}
    assert (plans["corporate"].name, plans["corporate"].monthly_price, plans["corporate"].corporate) == (
        "月額法人会員", 25000, True)
    assert (plans["individual"].name, plans["individual"].monthly_price) == ("月額個人会員", 10000)
    assert (plans["hourly"].name, plans["hourly"].hourly_price, plans["hourly"].daily_cap) == (
        "個人会員（月額会員以外）", 250, 1000)
    assert Membership.objects.count() == 3
    assert Visit.objects.filter(checked_out_at__isnull=False).count() == 6
    invoices = {invoice.membership.plan.code: invoice for invoice in Invoice.objects.all()}
    assert invoices["corporate"].total == 25000 and invoices["individual"].total == 10000
    assert invoices["hourly"].total == 500 + 1000  # 1 h 41 min → 2 started hours; 7 h 30 min → capped
    assert all(invoice.registration_number == "T0000000000000" for invoice in invoices.values())
    assert "月額法人会員" in client.get("/space/membership/").content.decode()
    counts = (Membership.objects.count(), Visit.objects.count(), Invoice.objects.count())
    load_demo()
    assert (Membership.objects.count(), Visit.objects.count(), Invoice.objects.count()) == counts
