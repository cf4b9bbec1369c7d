"""Reads of the points ledger: wallets, statements, merchants' settlements and issuers' reports."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from .models import Account, Draw, Lot, Posting, Redemption, Transaction


def wallet_of(person) -> Account | None:
    if person is None or not person.is_authenticated:
        return None
    return Account.objects.filter(kind=Account.Kind.WALLET, person=person).first()


def account_by_code(code: str, kind: str) -> Account | None:
    return Account.objects.filter(kind=kind, code=(code or "").strip().upper()).first()


def history(account: Account):
    """The account's postings, newest first, with their transactions (a statement's lines)."""
    return (Posting.objects.filter(account=account).select_related("transaction", "transaction__issuer")
            .order_by("-transaction_id"))


def expiring(wallet: Account, limit: int = 5):
    """The wallet's next points to expire."""
    return Lot.objects.filter(wallet=wallet, remaining__gt=0, expires_at__isnull=False).select_related(
        "issuer").order_by("expires_at", "id")[:limit]


def pending_for_person(person):
    """Redemptions a merchant asked of this person, waiting for them; and those they asked, waiting for the shop."""
    return (Redemption.objects.filter(wallet__person=person, status=Redemption.Status.PENDING)
            .select_related("merchant", "wallet").order_by("-created_at"))


def pending_for_merchant(merchant: Account):
    return (Redemption.objects.filter(merchant=merchant, status=Redemption.Status.PENDING)
            .select_related("wallet", "merchant").order_by("-created_at"))


def merchants_of(person):
    """The merchant accounts a person works at (their organisations')."""
    if person is None or not person.is_authenticated:
        return Account.objects.none()
    return Account.objects.filter(kind=Account.Kind.MERCHANT, organisation__memberships__person=person).distinct()


def issuers_of(person):
    if person is None or not person.is_authenticated:
        return Account.objects.none()
    return Account.objects.filter(kind=Account.Kind.ISSUER).filter(
        Q(organisation__memberships__person=person, organisation__memberships__role="admin")).distinct()


def settlement(merchant: Account) -> list[dict]:
    """By month: the points the merchant took (redemptions) and gave back (reversals), and the net owed to it."""
    rows = (Posting.objects.filter(account=merchant).annotate(month=TruncMonth("transaction__created_at"))
            .values("month").order_by("-month")
            .annotate(taken=Sum("amount", filter=Q(transaction__kind=Transaction.Kind.REDEEM), default=0),
                      returned=Sum("amount", filter=Q(transaction__kind=Transaction.Kind.REVERSE), default=0),
                      count=Count("id", filter=Q(transaction__kind=Transaction.Kind.REDEEM))))
    return [{"month": row["month"], "taken": row["taken"], "returned": -row["returned"], "count": row["count"],
             "net": row["taken"] + row["returned"]} for row in rows]


def settlement_lines(merchant: Account, month):
    """The postings of one month (a datetime at the month's start), oldest first."""
    return (Posting.objects.filter(account=merchant, transaction__created_at__year=month.year,
                                   transaction__created_at__month=month.month)
            .select_related("transaction").order_by("transaction__created_at", "transaction_id"))


def issuer_report(issuer: Account) -> list[dict]:
    """By month: points the issuer issued, how many of its points were redeemed and expired, and reversals
    of its earnings (taken back)."""
    months: dict = {}

    def add(rows, column):
        for row in rows:
            months.setdefault(row["month"], {"month": row["month"], "issued": 0, "redeemed": 0, "expired": 0,
                                             "taken_back": 0})[column] += row["total"] or 0

    earned = (Posting.objects.filter(account=issuer, transaction__kind=Transaction.Kind.EARN)
              .annotate(month=TruncMonth("transaction__created_at")).values("month").order_by("month")
              .annotate(total=Sum("amount")))
    add(({"month": row["month"], "total": -row["total"]} for row in earned), "issued")
    back = (Posting.objects.filter(account=issuer, transaction__kind=Transaction.Kind.REVERSE,
                                   transaction__reverses__kind=Transaction.Kind.EARN)
            .annotate(month=TruncMonth("transaction__created_at")).values("month").order_by("month")
            .annotate(total=Sum("amount")))
    add(back, "taken_back")
    for kind, column in ((Transaction.Kind.REDEEM, "redeemed"), (Transaction.Kind.EXPIRE, "expired")):
        draws = (Draw.objects.filter(lot__issuer=issuer, transaction__kind=kind)
                 .annotate(month=TruncMonth("transaction__created_at")).values("month").order_by("month")
                 .annotate(total=Sum("amount")))
        add(draws, column)
        undone = (Draw.objects.filter(lot__issuer=issuer, transaction__kind=kind,
                                      transaction__reversed_by__isnull=False)
                  .annotate(month=TruncMonth("transaction__reversed_by__created_at")).values("month")
                  .order_by("month").annotate(total=Sum("amount")))
        add(({"month": row["month"], "total": -row["total"]} for row in undone), column)
    return [months[month] for month in sorted(months, reverse=True)]


def recent_transactions(issuer: Account, limit: int = 30):
    """The issuer's latest earnings, for staff to check (and reverse a mistake)."""
    return (Transaction.objects.filter(issuer=issuer, kind=Transaction.Kind.EARN)
            .select_related("by", "reversed_by").prefetch_related("postings__account__person")
            .order_by("-created_at", "-id")[:limit])


def differences() -> list[tuple[Account, int]]:
    """Accounts whose cached balance is not the sum of their postings, with that sum."""
    sums = dict(Posting.objects.values("account").order_by("account").annotate(total=Sum("amount"))
                .values_list("account", "total"))
    return [(account, sums.get(account.pk, 0)) for account in Account.objects.order_by("pk")
            if account.balance != sums.get(account.pk, 0)]


def total_balance() -> int:
    return Account.objects.aggregate(total=Sum("balance", default=0))["total"]


def earned_total(person) -> int:
    """Points a person earned, less those taken back by a reversal (what their profile's contributions show)."""
    if person is None or not person.pk:
        return 0
    return Posting.objects.filter(
        account__kind=Account.Kind.WALLET, account__person=person, transaction__kind=Transaction.Kind.EARN,
        transaction__reversed_by__isnull=True,
    ).aggregate(total=Sum("amount"))["total"] or 0


def issuer_for(*, organisation=None, municipality=None) -> Account | None:
    """The issuer that thanks help given for an organisation (its own issuer) or else in a municipality."""
    if organisation is not None:
        issuer = Account.objects.filter(kind=Account.Kind.ISSUER, organisation=organisation).first()
        if issuer is not None:
            return issuer
    if municipality is not None:
        return Account.objects.filter(kind=Account.Kind.ISSUER, municipality=municipality,
                                      organisation__isnull=True).first()
    return None


def points_earned() -> list:
    """(when, points) of every earning transaction: the points the issuers gave (for the indicators of kpi).
    A reversed earning still counts here: it was issued; its reversal is another transaction."""
    rows = Posting.objects.filter(transaction__kind=Transaction.Kind.EARN, amount__gt=0).values(
        "transaction_id", "transaction__created_at").annotate(points=Sum("amount")).order_by("transaction__created_at")
    return [(row["transaction__created_at"], row["points"]) for row in rows]
