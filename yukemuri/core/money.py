"""Money in whole yen (円): parsing what people type, and showing amounts. Never a float."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_YEN = 10**13  # ten trillion yen: far above any round or budget, well inside a 64-bit integer


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


def check_yen(amount, *, field: str) -> int:
    """The rule services apply to any amount: an int (never float, Decimal or bool), positive, bounded."""
    if type(amount) is not int:
        raise ValidationError({field: _("Amounts are whole yen (an integer).")})
    if not 1 <= amount <= MAX_YEN:
        raise ValidationError({field: _("The amount must be between 1 yen and 10 trillion yen.")})
    return amount


def format_yen(amount) -> str:
    """「¥1,200,000」 (the Japanese catalogue may say 「1,200,000円」)."""
    if amount is None:
        return ""
    return _("¥%(amount)s") % {"amount": f"{int(amount):,}"}


class YenField(forms.Field):
    """A text input for yen (digits, commas and full-width digits accepted) that cleans to an int."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": "30"})

    def to_python(self, value):
        return parse_yen(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not 1 <= value <= MAX_YEN:
            raise ValidationError(_("The amount must be between 1 yen and 10 trillion yen."), code="range")
