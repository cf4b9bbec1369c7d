import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_POINTS


def _token() -> str:
    return secrets.token_urlsafe(16)


class KeyedForm(forms.Form):
    """A form whose submission carries an idempotency key drawn when the page was shown: a double click or a
    resent POST makes the transaction once."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=40, min_length=16)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("key", _token())
        super().__init__(*args, **kwargs)


def points_field(**kwargs):
    return forms.IntegerField(label=kwargs.pop("label", _("Points")), min_value=1, max_value=MAX_POINTS,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}), **kwargs)


class EarnForm(KeyedForm):
    wallet_code = forms.CharField(label=_("The person's points code"), max_length=16,
                                  help_text=_("Shown on their wallet page (マイポイント), under the QR code."))
    amount = points_field()
    reason = forms.CharField(label=_("Reason"), max_length=200,
                             help_text=_("For example: snow clearing on 12 January."))


class AskPersonForm(forms.Form):
    wallet_code = forms.CharField(label=_("The person's points code"), max_length=16)
    amount = points_field()
    note = forms.CharField(label=_("For what"), max_length=120, required=False)


class AskMerchantForm(forms.Form):
    amount = points_field()
    note = forms.CharField(label=_("For what"), max_length=120, required=False)


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the reversal"), max_length=200)
