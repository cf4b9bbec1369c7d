from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.organisations.selectors import organisation_list

from .models import DataCategory


class RecipientConsentForm(forms.Form):
    """Grant or withdraw: which organisation may receive what category of my data."""

    GRANT, WITHDRAW = "grant", "withdraw"
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    purpose = forms.ChoiceField(label=_("What it may receive"), choices=DataCategory.choices)
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, initial=GRANT,
                                 choices=[(GRANT, _("I agree")), (WITHDRAW, _("I withdraw my agreement"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only verified organisations (the site checked who they are) can be chosen to receive personal data: an
        # unverified one could be anyone, and the list stays short enough for a select on a phone.
        self.fields["organisation"].queryset = organisation_list().filter(verified=True)
