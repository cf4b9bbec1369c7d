from django import forms
from django.utils.translation import gettext_lazy as _


class OccupancyForm(forms.Form):
    """`?by=week|month` for the room occupancy; anything else is a field error and the weekly view."""

    by = forms.ChoiceField(label=_("Occupancy per"), required=False,
                           choices=[("week", _("Week")), ("month", _("Month"))])

    def period(self) -> str:
        return (self.cleaned_data.get("by") if self.is_valid() else None) or "week"
