from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import MultiLineField, OneLineField
from yukemuri.people.forms import MunicipalityChoiceField

from .models import Organisation


class OrganisationForm(forms.Form):
    name = OneLineField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    municipality = MunicipalityChoiceField(label=_("Municipality (where it is based, optional)"))
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    description = MultiLineField(label=_("What it does"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds")), *Organisation.Kind.choices])
