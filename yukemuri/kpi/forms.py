from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.ideas.forms import IdeaFilterForm
from yukemuri.ideas.models import Status


class AccountabilityFilterForm(IdeaFilterForm):
    idea_status = forms.ChoiceField(label=_("Status"), required=False,
                                    choices=[("", _("All")), *Status.choices])

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if self.cleaned_data.get("idea_status"):
            queryset = queryset.filter(status=self.cleaned_data["idea_status"])
        return queryset
