"""Invoice arithmetic: tax once per rate, both tax settings and the public 使用料."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yukemuri.membership.invoicing import InvoiceError, Line, TaxMode, check_registration_number, compute


def test_inclusive_prices_tax_is_rounded_once_not_per_item():
    lines = [Line("hourly use", 1, 250) for _ in range(3)]  # per item ⌊250×10/110⌋ = 22 → 66; once: ⌊750×10/110⌋ = 68
    totals = compute(lines, TaxMode.INCLUSIVE)
    (rate,) = totals.per_rate
    assert (rate.rate, rate.stated, rate.tax, rate.net, rate.gross) == (10, 750, 68, 682, 750)
    assert totals.total == 750 and totals.tax == 68


def test_exclusive_prices_add_the_tax():
    totals = compute([Line("monthly", 1, 10000), Line("hourly", 3, 333)], TaxMode.EXCLUSIVE)
    (rate,) = totals.per_rate
    assert (rate.net, rate.tax, rate.gross) == (10999, 1099, 12098)
    assert totals.total == 12098


def test_each_rate_has_its_own_subtotal_and_tax():
    totals = compute([Line("room", 1, 1100, rate=10), Line("drink", 2, 108, rate=8)], TaxMode.INCLUSIVE)
    assert [(r.rate, r.stated, r.tax) for r in totals.per_rate] == [(10, 1100, 100), (8, 216, 16)]
    assert totals.total == 1316


def test_a_public_fee_has_no_tax():
    totals = compute([Line("hourly", 4, 250), Line("monthly", 1, 10000)], TaxMode.NOT_TAXABLE)
    (rate,) = totals.per_rate
    assert (rate.rate, rate.tax, rate.gross) == (None, 0, 11000)


def test_bad_input_is_refused():
    with pytest.raises(InvoiceError):
        compute([Line("x", 1, -1)], TaxMode.INCLUSIVE)
    with pytest.raises(InvoiceError):
        compute([Line("x", 1, 1, rate=5)], TaxMode.INCLUSIVE)
    with pytest.raises(ValueError):
        compute([], "both")
    assert check_registration_number("T1234567890123") == "T1234567890123"
    for bad in ("1234567890123", "T123", "T12345678901234", ""):
        with pytest.raises(InvoiceError):
            check_registration_number(bad)


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 30000), st.sampled_from([8, 10])), max_size=12),
       st.sampled_from(list(TaxMode)))
def test_totals_are_consistent(items, mode):
    totals = compute([Line("x", q, p, rate=r) for q, p, r in items], mode)
    stated = sum(q * p for q, p, _ in items)
    for rate in totals.per_rate:
        assert rate.tax >= 0 and rate.net + rate.tax == rate.gross
        if rate.rate:  # the tax is within a yen of the exact tax of the rate's subtotal
            exact = rate.net * rate.rate / 100
            assert exact - 1 < rate.tax <= exact + 1e-9 or mode is TaxMode.INCLUSIVE
    assert totals.total == (stated if mode is not TaxMode.EXCLUSIVE else stated + totals.tax)
