"""Points pages: my wallet and statement, a merchant's counter and settlement, an issuer's dashboard.
The rules are in services.py; every write is a POST."""

from datetime import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core import csvexport
from yukemuri.core.permissions import allowed, require
from yukemuri.core.qr import qr_svg
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import attempt, submit_form

from . import selectors, services
from .forms import AskMerchantForm, AskPersonForm, EarnForm, ReverseForm
from .models import Account, Redemption, Transaction


def _qr(request, url_name, code, title):
    return qr_svg(request.build_absolute_uri(reverse(url_name, args=[code])), title)


@login_required
def wallet(request):
    """マイポイント: balance, what expires next, requests waiting, my code and QR, the history."""
    mine = selectors.wallet_of(request.user)
    history = list(selectors.history(mine)[:50]) if mine else []  # all of it: the statement
    return render(request, "points/wallet.html", {
        "wallet": mine,
        "history": history,
        "expiring": list(selectors.expiring(mine)) if mine else [],
        "pending": list(selectors.pending_for_person(request.user)) if mine else [],
        "qr": _qr(request, "points_charge", mine.code, _("QR code of my points code %(code)s") % {"code": mine.code})
        if mine else "",
        "merchants": list(selectors.merchants_of(request.user)),
        "issuers": list(selectors.issuers_of(request.user)),
    })


@login_required
@require_POST
def wallet_open(request):
    services.wallet_for(request.user)
    return redirect("points_wallet")


@login_required
def statement(request):
    """The wallet's whole history as CSV (formula-safe: core.csvexport)."""
    mine = selectors.wallet_of(request.user)
    if mine is None:
        raise Http404(_("You have no points yet."))
    out = csvexport.streaming_writer()

    def rows():
        yield "\ufeff"  # so that Excel opens the Japanese text as UTF-8
        yield out.writerow([_("Date"), _("Kind"), _("Points"), _("Reason"), _("Transaction")])
        for posting in selectors.history(mine).iterator(chunk_size=500):
            tx = posting.transaction
            yield out.writerow([timezone.localtime(tx.created_at).strftime("%Y-%m-%d %H:%M"), tx.get_kind_display(),
                                posting.amount, tx.reason, tx.pk])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="points-statement.csv"'
    return response


@login_required
@limit("steer")
def charge(request, code):
    """A merchant's member read a person's code (their QR leads here) and asks for points; the person confirms."""
    target = selectors.account_by_code(code, Account.Kind.WALLET)
    if target is None:
        raise Http404(_("No wallet has this code."))
    merchants = list(selectors.merchants_of(request.user))
    if not merchants:
        return render(request, "points/not_a_merchant.html", status=403)
    form = AskPersonForm(request.POST or None, initial={"wallet_code": target.code})
    merchant = _chosen(merchants, request.POST.get("merchant"))
    return submit_form(request, form, partial(services.redemption_ask_person, merchant=merchant, by=request.user),
                       success=_asked, to=lambda asked: redirect("points_merchant", merchant.pk),
                       page=lambda: render(request, "points/charge.html",
                                           {"form": form, "merchants": merchants, "wallet_code": target.code}))


def _asked(asked):
    return _("Asked for %(amount)s points: the person confirms on their phone. Code %(code)s.") % {
        "amount": asked.amount, "code": asked.code}


def _chosen(merchants, pk):
    for merchant in merchants:
        if str(merchant.pk) == str(pk):
            return merchant
    return merchants[0]


@login_required
@limit("steer")
def pay(request, code):
    """The person read a merchant's code (its QR leads here) and offers points; the merchant confirms."""
    merchant = selectors.account_by_code(code, Account.Kind.MERCHANT)
    if merchant is None:
        raise Http404(_("No merchant has this code."))
    form = AskMerchantForm(request.POST or None)
    offered = _("Offered %(amount)s points to %(merchant)s: they confirm at the counter. Code %(code)s.")
    return submit_form(
        request, form, partial(services.redemption_ask_merchant, person=request.user, merchant_code=merchant.code),
        success=lambda asked: offered % {"amount": asked.amount, "merchant": merchant, "code": asked.code},
        to="points_wallet",
        page=lambda: render(request, "points/pay.html",
                            {"form": form, "merchant": merchant, "wallet": selectors.wallet_of(request.user)}))


@login_required
@require_POST
def answer(request, pk):
    redemption = get_object_or_404(Redemption.objects.select_related("wallet", "merchant"), pk=pk)
    require(request.user, "points.answer_redemption", redemption,
            _("Only the other side of this redemption can answer it."))
    accept = request.POST.get("answer") == "confirm"
    attempt(request, lambda: services.redemption_answer(redemption=redemption, by=request.user, accept=accept),
            _("Confirmed: the points are redeemed.") if accept else _("Declined: no points moved."))
    if redemption.wallet.person_id == request.user.pk:
        return redirect("points_wallet")
    return redirect("points_merchant", redemption.merchant_id)


def _month(text):
    try:
        return timezone.make_aware(datetime.strptime(text or "", "%Y-%m"))
    except ValueError:
        return None


def _merchant(request, pk) -> Account:
    account = get_object_or_404(Account, pk=pk, kind=Account.Kind.MERCHANT)
    require(request.user, "points.operate_merchant", account, _("Only the merchant's members can see this page."))
    return account


@login_required
@require_POST
@limit("steer")
def ask(request, pk):
    """The counter's form: ask the person with this typed code for points."""
    account = _merchant(request, pk)
    form = AskPersonForm(request.POST)
    return submit_form(request, form, partial(services.redemption_ask_person, merchant=account, by=request.user),
                       success=_asked, to=lambda asked: redirect("points_merchant", account.pk),
                       page=lambda: merchant(request, pk, form=form))


@login_required
def merchant(request, pk, form=None):
    """The merchant's counter: its code and QR, requests waiting, and the monthly settlement report."""
    account = _merchant(request, pk)
    report = selectors.settlement(account)
    month = _month(request.GET.get("month")) or (report[0]["month"] if report else None)
    return render(request, "points/merchant.html", {
        "merchant": account,
        "qr": _qr(request, "points_pay", account.code, _("QR code of %(merchant)s's points code %(code)s")
                  % {"merchant": account, "code": account.code}),
        "pending": list(selectors.pending_for_merchant(account)),
        "report": report,
        "month": month,
        "lines": list(selectors.settlement_lines(account, month)) if month else [],
        "form": form or AskPersonForm(),
    }, status=400 if form is not None else 200)


@login_required
def issuer(request, pk, form=None):
    """The issuer's dashboard: issued, redeemed, expired and taken back, by month (chart and table), and a form
    to give points."""
    account = get_object_or_404(Account, pk=pk, kind=Account.Kind.ISSUER)
    require(request.user, "points.view_issuer", account, _("Only staff and the issuer's members can see this page."))
    report = selectors.issuer_report(account)
    top = max([max(row["issued"], row["redeemed"], row["expired"]) for row in report] or [0])
    for n, row in enumerate(report[:24]):  # the chart shows two years; the table every month
        row["top"] = n * 30
        row["bars"] = [(column, max(1, row[column] * 290 // top) if top and row[column] else 0, 2 + 8 * i)
                       for i, column in enumerate(("issued", "redeemed", "expired"))]
    return render(request, "points/issuer.html", {
        "issuer": account,
        "report": report,
        "chart_height": min(len(report), 24) * 30 + 4,
        "recent": list(selectors.recent_transactions(account)),
        "form": form or EarnForm(),
        "may_issue": allowed(request.user, "points.issue", account),
        "may_reverse": allowed(request.user, "points.reverse", None),
        "reverse_form": ReverseForm(),
    }, status=400 if form is not None else 200)


@login_required
@require_POST
@limit("steer")
def issue(request, pk):
    account = get_object_or_404(Account, pk=pk, kind=Account.Kind.ISSUER)
    require(request.user, "points.issue", account, _("Only staff and the issuer's members can give its points."))
    form = EarnForm(request.POST)

    def give(*, wallet_code, amount, reason, key):
        target = selectors.account_by_code(wallet_code, Account.Kind.WALLET)
        if target is None:
            raise ValidationError({"wallet_code": _("No wallet has this code.")})
        return services.earn(issuer=account, person=target.person, amount=amount, reason=reason,
                             key=f"earn:form:{key}", by=request.user)

    return submit_form(request, form, give,
                       success=lambda tx: _("Gave %(amount)s points.") % {
                           "amount": -tx.postings.get(account=account).amount},
                       to=lambda tx: redirect("points_issuer", account.pk),
                       page=lambda: issuer(request, pk, form=form))


@login_required
@require_POST
def reverse_transaction(request, pk):
    tx = get_object_or_404(Transaction, pk=pk)
    require(request.user, "points.reverse", tx, _("Only staff can reverse a transaction."))
    form = ReverseForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.reverse(transaction_=tx, by=request.user, reason=form.cleaned_data["reason"]),
                _("Reversed."))
    else:
        messages.error(request, _("Say why this transaction is reversed."))
    if tx.issuer_id:
        return redirect("points_issuer", tx.issuer_id)
    return redirect("points_wallet")
