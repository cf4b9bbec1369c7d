"""The filter form shared by the issue and idea lists — the same form validates page and API parameters.

Moved here from core.filters, which imports no domain app (docs/decisions/0010-layers.md)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.filters import SORTS, active_filters, search
from yukemuri.core.selectors import concerning

from .forms import MunicipalityCodeField
from .models import Area


class PostFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("All areas"))
    municipality = MunicipalityCodeField(label=_("Municipality"))
    sdg = forms.TypedChoiceField(label=_("SDG goal"), required=False, coerce=int, empty_value=None,
                                 choices=[("", _("All goals"))] + [(n, str(n)) for n in range(1, 18)])
    sort = forms.ChoiceField(label=_("Sort by"), required=False,
                             choices=[("new", _("Newest")), ("supported", _("Most supported"))])
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)

    status_field = "status"

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["area"].error_messages["invalid_choice"] = _("There is no area with that id.")
        self.fields["sdg"].error_messages["invalid_choice"] = _("SDG goals are numbered 1 to 17.")

    def filter(self, queryset):
        """Apply the cleaned filters; call only when the form is valid."""
        data = self.cleaned_data
        # 広域: a post that also concerns the municipality (or one in the area) is listed there too.
        if data.get("municipality"):
            queryset = concerning(queryset, municipality=data["municipality"])
        elif data.get("area"):
            queryset = concerning(queryset, area=data["area"])
        if data.get("sdg"):
            queryset = queryset.filter(sdgs__number=data["sdg"])
        if data.get(self.status_field):
            queryset = queryset.filter(**{self.status_field: data[self.status_field]})
        queryset = search(queryset, data.get("q", ""))
        return queryset.order_by(*SORTS[data.get("sort") or "new"])

    def active_filters(self) -> dict:
        return active_filters(self)
