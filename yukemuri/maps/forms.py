"""The map's filters: the layer, then the lists' own filters (municipality, area, theme, SDG, status)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.ideas.models import Stage
from yukemuri.issues.models import Issue
from yukemuri.regions.forms import MunicipalityCodeField
from yukemuri.regions.models import Area

LAYERS = [
    ("issues", _("Regional issues")),
    ("ideas", _("Ideas")),
    ("events", _("Events")),
    ("help", _("Help wanted")),
    ("facilities", _("Public facilities")),
]
POSTS = {"issues", "ideas"}  # the layers theme, SDG and status apply to


class MapFilterForm(forms.Form):
    layer = forms.ChoiceField(label=_("Show"), choices=LAYERS, required=False)
    municipality = MunicipalityCodeField(label=_("Municipality"))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("All areas"))
    theme = forms.CharField(label=_("Theme"), required=False, max_length=40,
                            help_text=_("Issues and ideas only, e.g. 空き家"))
    sdg = forms.TypedChoiceField(label=_("SDG goal"), required=False, coerce=int, empty_value=None,
                                 choices=[("", _("All goals"))] + [(n, str(n)) for n in range(1, 18)],
                                 help_text=_("Issues and ideas only"))
    status = forms.ChoiceField(label=_("Status of issues"), required=False,
                               choices=[("", _("All statuses")), *Issue.Status.choices])
    stage = forms.ChoiceField(label=_("Stage of ideas"), required=False,
                              choices=[("", _("All stages")), *Stage.choices])

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["layer"].error_messages["invalid_choice"] = _(
            "There is no layer “%(value)s”. Choose issues, ideas, events, help or facilities.")
        self.fields["area"].error_messages["invalid_choice"] = _("There is no area with that id.")
        self.fields["sdg"].error_messages["invalid_choice"] = _("SDG goals are numbered 1 to 17.")

    def clean_layer(self):
        return self.cleaned_data.get("layer") or "issues"

    def clean_theme(self):
        return (self.cleaned_data.get("theme") or "").strip()
