"""Payment providers. A provider moves the money; the funding services keep states and totals.

Only the offline one ships: supporters transfer the amount to the campaign's bank account (its payment
details, funding/payment.py) with the pledge's reference code, and staff confirm when the transfer has
arrived. A card or QR-payment provider implements the same four methods and is named in
settings.YUKEMURI["PAYMENT_PROVIDERS"].
"""

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yukemuri.core.permissions import require


class PaymentProvider:
    name = ""
    label = ""

    def instructions(self, pledge) -> str:
        """What the supporter does next, shown after pledging."""
        raise NotImplementedError

    def confirm(self, pledge, by) -> None:
        """The money is there (authorised or received). Raise PermissionDenied if `by` may not say so."""
        raise NotImplementedError

    def collect(self, pledge) -> None:
        """The campaign succeeded: take the money for the project."""
        raise NotImplementedError

    def refund(self, pledge) -> None:
        """The campaign failed: give the money back (or release the promise)."""
        raise NotImplementedError


class OfflineBankTransfer(PaymentProvider):
    """銀行振込 — staff confirm transfers by hand; collecting keeps the money, refunds are paid back by staff."""

    name = "offline"
    label = gettext_lazy("Bank transfer (confirmed by staff)")

    def instructions(self, pledge) -> str:
        values = {"amount": f"{pledge.amount_yen:,}", "reference": pledge.reference}
        if pledge.campaign.has_bank_account:
            return _("Please transfer ¥%(amount)s to the account below and put the reference %(reference)s in "
                     "front of your name as the sender (for example: %(reference)s ヤマダ ハナコ). Staff confirm "
                     "your pledge when the transfer arrives.") % values
        return _("Please pay ¥%(amount)s as described below and give the reference %(reference)s with the "
                 "payment. Staff confirm your pledge when the money arrives.") % values

    def confirm(self, pledge, by) -> None:
        require(by, "funding.confirm_payment", pledge.campaign, _("Only staff can confirm that a bank transfer arrived."))

    def collect(self, pledge) -> None:
        """The transfer is already in the account: nothing to move."""

    def refund(self, pledge) -> None:
        """Staff pay confirmed transfers back; an unpaid promise is simply released."""


def provider(name: str) -> PaymentProvider:
    path = settings.YUKEMURI["PAYMENT_PROVIDERS"].get(name)
    if path is None:
        raise LookupError(f"Unknown payment provider {name!r}")
    return import_string(path)()


def provider_choices():
    return [(name, provider(name).label) for name in settings.YUKEMURI["PAYMENT_PROVIDERS"]]
