from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.organisations.services import organisations_of

from .models import Campaign
from .providers import provider_choices


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    purpose = forms.CharField(label=_("What the money does"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Be concrete: what is bought or paid, and what happens if less comes in."))
    goal_yen = forms.IntegerField(label=_("Goal (yen)"), min_value=1, max_value=1_000_000_000,
                                  widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}))
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
    amount_yen = forms.IntegerField(label=_("Amount (yen)"), min_value=1, max_value=1_000_000_000,
                                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}))
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
