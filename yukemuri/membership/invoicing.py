"""請求書の計算 — a month's invoice of a member, as a pure function (no Django): yen as integers, tax rounded once.

What a 適格請求書 (インボイス制度, qualified invoice) needs and this module computes: per tax rate, the subtotal of
its items and the tax on it, rounded down (端数切捨て) ONCE per invoice per rate — never per item, as the rules
of the invoice system require. Two settings decide the arithmetic (docs/decisions/0030-space-fees-and-invoices.md):

- ``TaxMode.INCLUSIVE`` (内税): prices include consumption tax; tax = ⌊total × rate / (100 + rate)⌋.
- ``TaxMode.EXCLUSIVE`` (外税): prices exclude it; tax = ⌊subtotal × rate / 100⌋, added to the total.
- ``TaxMode.NOT_TAXABLE`` (不課税): the fees are a public 使用料 collected for the prefecture, not the operator's
  taxable sales: no tax line, no rate; the document is a plain 請求書.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

REGISTRATION_NUMBER = re.compile(r"^T\d{13}$")  # 適格請求書発行事業者登録番号: T and 13 digits


class InvoiceError(ValueError):
    """Invoice input that cannot be right: a negative amount, a bad rate or registration number."""


class TaxMode(enum.StrEnum):
    INCLUSIVE = "inclusive"
    EXCLUSIVE = "exclusive"
    NOT_TAXABLE = "not_taxable"


@dataclass(frozen=True)
class Line:
    """明細 — one item: what, when, how many, at what unit price (yen, as the plan states it), at which rate (%)."""

    description: str
    quantity: int
    unit_price: int
    rate: int = 10  # 標準税率 10 %; 8 for 軽減税率 items (none in a space today)
    day: date | None = None

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class RateTotal:
    """税率ごとの合計: the items' amount as stated, the amount without tax, the tax and the amount with tax."""

    rate: int | None
    stated: int
    net: int
    tax: int
    gross: int


@dataclass(frozen=True)
class InvoiceTotals:
    mode: TaxMode
    lines: tuple[Line, ...]
    per_rate: tuple[RateTotal, ...] = field(default_factory=tuple)

    @property
    def net(self) -> int:
        return sum(total.net for total in self.per_rate)

    @property
    def tax(self) -> int:
        return sum(total.tax for total in self.per_rate)

    @property
    def total(self) -> int:
        """What the member pays."""
        return sum(total.gross for total in self.per_rate)


def check_registration_number(number: str) -> str:
    """The issuer's 登録番号 as printed on a qualified invoice, or InvoiceError."""
    if not REGISTRATION_NUMBER.match(number or ""):
        raise InvoiceError("a registration number is T followed by 13 digits")
    return number


def _rate_total(mode: TaxMode, rate: int, stated: int) -> RateTotal:
    if mode is TaxMode.NOT_TAXABLE:
        return RateTotal(rate=None, stated=stated, net=stated, tax=0, gross=stated)
    if mode is TaxMode.INCLUSIVE:
        tax = stated * rate // (100 + rate)  # integers only: no float, rounded down once
        return RateTotal(rate=rate, stated=stated, net=stated - tax, tax=tax, gross=stated)
    tax = stated * rate // 100
    return RateTotal(rate=rate, stated=stated, net=stated, tax=tax, gross=stated + tax)


def compute(lines: Iterable[Line], mode: TaxMode | str) -> InvoiceTotals:
    """The invoice's totals: items grouped by rate, tax rounded down once per rate (not per item)."""
    mode = TaxMode(mode)
    lines = tuple(lines)
    stated: dict[int, int] = {}
    for line in lines:
        if line.quantity < 0 or line.unit_price < 0:
            raise InvoiceError("quantities and prices cannot be negative")
        if line.rate not in (0, 8, 10):
            raise InvoiceError(f"unknown consumption tax rate {line.rate} %")
        key = 0 if mode is TaxMode.NOT_TAXABLE else line.rate
        stated[key] = stated.get(key, 0) + line.amount
    per_rate = tuple(_rate_total(mode, rate, amount) for rate, amount in sorted(stated.items(), reverse=True))
    return InvoiceTotals(mode=mode, lines=lines, per_rate=per_rate)
