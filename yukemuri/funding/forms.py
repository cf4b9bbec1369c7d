from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.money import MAX_PLEDGE_YEN, YenField
from yukemuri.organisations.services import organisations_of

from .models import Campaign
from .providers import provider_choices


class PaymentForm(forms.Form):
    """Where supporters send the money. The rules (katakana holder, 7 digits …) are in payment.py, so the
    service refuses the same things; the fields only say what is asked."""

    bank_name = forms.CharField(label=_("Bank"), max_length=60, required=False,
                                help_text=_("For example 群馬銀行. Leave the bank fields empty only if supporters "
                                            "pay another way (then say how, below)."))
    bank_branch = forms.CharField(label=_("Branch"), max_length=60, required=False)
    account_type = forms.ChoiceField(label=_("Account type"), required=False,
                                     choices=[("", "—"), *Campaign.AccountType.choices])
    account_number = forms.CharField(label=_("Account number"), max_length=20, required=False,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                                     help_text=_("7 digits."))
    account_holder = forms.CharField(label=_("Account holder (katakana)"), max_length=100, required=False,
                                     help_text=_("As the bank has it, for example ユケムリ タロウ."))
    payment_instructions = forms.CharField(
        label=_("Other ways to pay"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Another payment provider's instructions, instead of or besides the bank account."))


class CampaignForm(PaymentForm):
    field_order = ["title", "purpose", "goal_yen", "deadline", "mode", "for_pilot", "provider_name"]

    title = forms.CharField(label=_("Title"), max_length=120)
    purpose = forms.CharField(label=_("What the money does"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Be concrete: what is bought or paid, and what happens if less comes in."))
    goal_yen = YenField(label=_("Goal (yen)"), most=MAX_PLEDGE_YEN)
    deadline = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("Pledges are taken until the end of this day (Japan time)."))
    mode = forms.ChoiceField(label=_("Kind"), choices=Campaign.Mode.choices, widget=forms.RadioSelect,
                             initial=Campaign.Mode.ALL_OR_NOTHING)
    for_pilot = forms.BooleanField(label=_("This campaign pays for the pilot (実証)"), required=False)
    provider_name = forms.ChoiceField(label=_("Payment"), choices=provider_choices)

    def clean_deadline(self):
        day = self.cleaned_data["deadline"]
        return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


class PledgeForm(forms.Form):
    amount_yen = YenField(label=_("Amount (yen)"), most=MAX_PLEDGE_YEN)
    organisation = forms.ModelChoiceField(label=_("On behalf of"), required=False, queryset=None,
                                          empty_label=_("Myself"))
    anonymous = forms.BooleanField(label=_("Do not show my name"), required=False)
    corporate = forms.BooleanField(label=_("Corporate sponsorship (in the style of 企業版ふるさと納税)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(user)
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]
            del self.fields["corporate"]
