"""会員・利用・請求 (デモ): NETSUGEN's three plans as seed 001 states them (月額法人会員 25,000円/月, 月額個人会員
10,000円/月, 個人会員（月額会員以外） 250円/時間・1日上限1,000円), an issuer with a made-up registration number, a few
members with visits at the desk last month and this month, and last month's invoices. Stable keys: loading again
adds nothing (invoices are issued idempotently)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from yukemuri.membership import billing, selectors, services
from yukemuri.membership.models import Issuer, MemberCard
from yukemuri.organisations import services as organisations
from yukemuri.regions.models import Municipality

PLANS = [
    ("corporate", {"name": "月額法人会員", "kind": "monthly", "monthly_price": 25000, "corporate": True,
                   "named_members": 5, "sort_order": 1,
                   "description": "法人で登録し、登録した社員5名まで利用できます（名簿の人数はデモの設定）。"}),
    ("individual", {"name": "月額個人会員", "kind": "monthly", "monthly_price": 10000, "sort_order": 2,
                    "description": "何時間使っても月額料金のみです。"}),
    ("hourly", {"name": "個人会員（月額会員以外）", "kind": "hourly", "hourly_price": 250, "daily_cap": 1000,
                "sort_order": 3, "description": "使い始めた1時間ごとに250円、1日1,000円までです。"}),
]
# (key, person key, plan code, visits as (n-th open day of last month, from, to) and this month)
MEMBERS = [
    ("membership-haruto", "p-haruto", "hourly", [(1, (10, 0), (11, 1)), (1, (14, 0), (14, 40)), (3, (10, 0), (17, 30))]),
    ("membership-yui", "p-yui", "individual", [(2, (13, 0), (20, 0)), (5, (10, 0), (12, 0))]),
    ("membership-kenta", "p-kenta", "corporate", [(4, (9, 30), (18, 0))]),
]


def _open_days(space, first, last):
    days, day = [], first
    while day <= last:
        if services.selectors.hours_on(space, day):
            days.append(day)
        day += timedelta(days=1)
    return days


def load_membership_demo(get, once) -> None:
    space, operator, company = get("space-netsugen"), get("p-space-operator"), get("org-space-operator")
    if space is None or operator is None:
        return
    for code, values in PLANS:
        once(f"membership-plan-{code}", lambda code=code, values=values: services.plan_save(
            by=operator, space=space, code=code, **values))
    once("membership-issuer", lambda: Issuer.objects.create(
        space=space, name=company.name if company else "NETSUGEN 運営事務局（デモ）",
        registration_number="T0000000000000", address="群馬県前橋市大手町1-1-1 群馬県庁 31・32階",
        payment_note="デモの請求書です。実際の請求ではありません。"))
    corporation = once("org-space-member-company", lambda: organisations.organisation_create(
        name="株式会社からっ風デザイン（デモ）", kind="company", is_demo=True,
        municipality=Municipality.objects.get(code="102016"), description="共創スペースの法人会員（デモ）。"))
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    days = _open_days(space, last_month, this_month - timedelta(days=1))
    plans = {plan.code: plan for plan in services.selectors.plans_of(space)}
    for key, person_key, code, visits in MEMBERS:
        person = get(person_key)
        if person is None:
            continue
        if code == "corporate":
            organisations.membership_add(organisation=corporation, person=person)

        def make(person=person, code=code):
            return services.join(by=operator, person=person, plan=plans[code], starts_on=last_month,
                                 organisation=corporation if code == "corporate" else None)

        membership = once(key, make)
        card = MemberCard.objects.get(space=space, person=membership.person)
        for n, (nth, start, end) in enumerate(visits):
            def visit(nth=nth, start=start, end=end, card=card):
                day = days[min(nth, len(days)) - 1]
                services.desk_scan(by=operator, space=space, code=card.code,
                                   at=timezone.make_aware(datetime.combine(day, time(*start))))
                found, _ = services.desk_scan(by=operator, space=space, code=card.code,
                                              at=timezone.make_aware(datetime.combine(day, time(*end))))
                return found

            once(f"{key}-visit-{n}", visit)
    # Issuing is idempotent, but each run is an operator's action on the record: the demo issues once a month.
    if not selectors.invoices_of_month(space, last_month).exists():
        billing.issue_month(space=space, month=last_month, by=operator)
