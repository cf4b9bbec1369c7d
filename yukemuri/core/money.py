"""Money in whole yen (円): parsing what people type, and showing amounts. Never a float."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The money rule: every amount is whole yen, from 1 up to one of two limits, and the form, the service and
# any API schema take the limit and its message from here (check_yen, YenField, yen_range), never a number
# of their own. They are two rules, not one: MAX_YEN bounds what the platform records about the world
# (a startup's funding round, the budget an issue offers creators) — a prefecture's budget or a large round
# is billions, so the bound is only a sanity one, far above any of them and well inside a 64-bit integer.
# MAX_PLEDGE_YEN bounds what a person types as a crowdfunding goal or pledge: more than one billion yen
# there is surely a typing mistake (a zero too many), so it is refused rather than taken.
MAX_YEN = 10**13  # ten trillion yen
MAX_PLEDGE_YEN = 10**9  # one billion yen

_OUT_OF_RANGE = {
    MAX_YEN: gettext_lazy("The amount must be between 1 yen and 10 trillion yen."),
    MAX_PLEDGE_YEN: gettext_lazy("Give an amount between ¥1 and ¥1,000,000,000."),
}


def out_of_range_message(most: int = MAX_YEN) -> str:
    """What the form, the service and the API say of an amount outside 1..`most` (one of the limits above)."""
    return str(_OUT_OF_RANGE[most])


def yen_range(most: int = MAX_YEN) -> dict:
    """The bounds for an API schema's field (pydantic/ninja `Field(**yen_range(...))`) or a form widget."""
    return {"ge": 1, "le": most}


def parse_yen(text) -> int | None:
    """「1,200,000」, 「１２０００００円」 and 「¥1200000」 all mean 1200000; decimals are refused, not rounded."""
    cleaned = unicodedata.normalize("NFKC", str(text or "")).strip()
    for noise in (",", " ", "円", "¥", "￥", "\\"):
        cleaned = cleaned.replace(noise, "")
    if not cleaned:
        return None
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValidationError(gettext_lazy("Give a whole number of yen, digits only (e.g. 1200000)."), code="invalid")
    return int(cleaned)


def check_yen(amount, *, field: str, most: int = MAX_YEN) -> int:
    """The rule services apply to any amount: an int (never float, Decimal or bool), from 1 to `most`."""
    if type(amount) is not int:
        raise ValidationError({field: _("Amounts are whole yen (an integer).")})
    if not 1 <= amount <= most:
        raise ValidationError({field: out_of_range_message(most)})
    return amount


def format_yen(amount) -> str:
    """「¥1,200,000」 (the Japanese catalogue may say 「1,200,000円」)."""
    if amount is None:
        return ""
    return _("¥%(amount)s") % {"amount": f"{int(amount):,}"}


class YenField(forms.Field):
    """A text input for yen (digits, commas and full-width digits accepted) that cleans to an int from 1 to
    `most` (MAX_YEN, or MAX_PLEDGE_YEN for crowdfunding)."""

    widget = forms.TextInput

    def __init__(self, *, most: int = MAX_YEN, **kwargs):
        out_of_range_message(most)  # one of the named limits, or a KeyError now rather than at the first error
        self.most = most
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": "30"})

    def to_python(self, value):
        return parse_yen(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not 1 <= value <= self.most:
            raise ValidationError(out_of_range_message(self.most), code="range")
