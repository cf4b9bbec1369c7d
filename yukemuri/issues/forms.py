from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.filters import PostFilterForm
from yukemuri.core.forms import PostForm, parse_evidence

from .models import Issue


class IssueForm(PostForm):
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Links to data or documents that show the issue, one per line: address, then a short description."),
    )

    def clean_evidence(self):
        return parse_evidence(self.cleaned_data.get("evidence", ""))

    def service_kwargs(self) -> dict:
        return super().service_kwargs() | {"evidence": self.cleaned_data["evidence"]}


class IssueStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Issue.Status.choices)


class IssueFilterForm(PostFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Issue.Status.choices])
