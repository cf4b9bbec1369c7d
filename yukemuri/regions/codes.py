"""全国地方公共団体コード — the six-digit local government code and its check digit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> int:
    """The sixth digit: weights 6,5,4,3,2 on the first five, then (11 − sum mod 11) mod 10."""
    total = sum(int(d) * w for d, w in zip(first_five, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def is_valid_code(code: str) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 6
        and code.isascii()
        and code.isdigit()
        and int(code[5]) == check_digit(code[:5])
    )


def validate_code(value: str) -> None:
    if not (isinstance(value, str) and len(value) == 6 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("A local government code has six digits (e.g. 102016)."), code="format"
        )
    if not is_valid_code(value):
        raise ValidationError(
            _("%(code)s is not a valid local government code: its check digit should be %(digit)s."),
            code="check_digit",
            params={"code": value, "digit": check_digit(value[:5])},
        )


def place_in_file(text: str, places: dict):
    """The 全国地方公共団体コード cell of a 自治体標準 file: (its code, the place loaded under it or None, the problem
    or None). NFKC, and a leading zero spreadsheets dropped (011002 written 11002) is put back."""
    import unicodedata

    code = unicodedata.normalize("NFKC", text)
    if len(code) == 5 and code.isdigit():
        code = "0" + code
    place = places.get(code)
    if not is_valid_code(code):
        return code, None, _("“%(code)s” is not a valid local government code.") % {"code": code}
    if place is None:
        return code, None, _("No municipality or prefecture with the code %(code)s is loaded.") % {"code": code}
    return code, place, None
