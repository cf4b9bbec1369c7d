"""A campaign's payment details: the bank account supporters transfer to (振込先), or another provider's
instructions. Checked here once, for the form and every service that opens or edits a campaign."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Campaign

BANK_FIELDS = ("bank_name", "bank_branch", "account_type", "account_number", "account_holder")
FIELDS = (*BANK_FIELDS, "payment_instructions")

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
# What Japanese banks accept in an account holder's name (口座名義): katakana, the long vowel mark,
# upper-case Latin letters, digits, spaces and a few signs (株式会社 is written (カ etc.).
_HOLDER = re.compile(r"[\u30a1-\u30f6\u30fc A-Z0-9().,\-/・]+")
_KATAKANA = re.compile(r"[\u30a1-\u30f6]")


def normalise_holder(text: str) -> str:
    """Half-width kana and full-width letters to their usual forms, hiragana to katakana, one space."""
    text = unicodedata.normalize("NFKC", text or "").translate(_HIRAGANA_TO_KATAKANA).upper()
    return " ".join(text.replace("\u3000", " ").split())


def normalise_number(text: str) -> str:
    """Full-width digits to ASCII; spaces and hyphens dropped (people copy 123-4567 from passbooks)."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text or ""))


def clean_payment(**given) -> dict:
    """The payment details, normalised, or a ValidationError naming the field. Either a complete bank
    account, or (for another provider) instructions; both may be given."""
    values = {field: str(given.get(field) or "").strip() for field in FIELDS}
    values["account_holder"] = normalise_holder(values["account_holder"])
    values["account_number"] = normalise_number(values["account_number"])
    errors = {}
    if any(values[field] for field in BANK_FIELDS):
        if not values["bank_name"]:
            errors["bank_name"] = _("Give the bank's name.")
        if not values["bank_branch"]:
            errors["bank_branch"] = _("Give the branch's name.")
        if values["account_type"] not in Campaign.AccountType.values:
            errors["account_type"] = _("Choose ordinary (普通) or current (当座).")
        if not re.fullmatch(r"[0-9]{7}", values["account_number"]):
            errors["account_number"] = _("Give the account number as its 7 digits.")
        holder = values["account_holder"]
        if not holder or not _HOLDER.fullmatch(holder) or not _KATAKANA.search(holder):
            errors["account_holder"] = _("Write the account holder's name in katakana, as the bank has it "
                                         "(for example ユケムリ タロウ).")
    elif not values["payment_instructions"]:
        errors["bank_name"] = _("Say where supporters send the money: the bank account, or how to pay "
                                "another way. A campaign cannot take pledges without it.")
    for field, limit in (("bank_name", 60), ("bank_branch", 60), ("account_holder", 100),
                         ("payment_instructions", 2000)):
        if len(values[field]) > limit and field not in errors:
            errors[field] = _("Keep it under %(limit)s characters.") % {"limit": limit}
    if errors:
        raise ValidationError(errors)
    return values


def details(campaign) -> list[tuple[str, str]]:
    """(label, value) lines of where the money goes, for the page and the e-mail."""
    lines = []
    if campaign.has_bank_account:
        lines += [(_("Bank"), f"{campaign.bank_name} {campaign.bank_branch}"),
                  (pgettext("bank account", "Account"), f"{campaign.get_account_type_display()} {campaign.account_number}"),
                  (_("Account holder"), campaign.account_holder)]
    if campaign.payment_instructions:
        lines.append((_("How to pay"), campaign.payment_instructions))
    return lines
