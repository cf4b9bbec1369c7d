from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.attachments.forms import UploadFields
from yukemuri.core.forms import MultiLineField, parse_evidence
from yukemuri.core.money import YenField
from yukemuri.notifications.forms import GuestForm
from yukemuri.people.models import CreatorKind
from yukemuri.regions.filters import PostFilterForm

from .models import AnswerState, CreatorBrief, Issue
from .postforms import PostForm


class IssueForm(PostForm, UploadFields):
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Links to data or documents that show the issue, one per line: address, then a short description."),
    )

    def clean_evidence(self):
        return parse_evidence(self.cleaned_data.get("evidence", ""))

    def service_kwargs(self) -> dict:
        return super().service_kwargs() | {"evidence": self.cleaned_data["evidence"]}


class GuestSupportForm(GuestForm):
    """「私も困っている」 without an account (issues/guests.py)."""


class IssueStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Issue.Status.choices)


class IssueFilterForm(PostFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Issue.Status.choices])


class CreatorBriefForm(forms.Form):
    wanted = forms.CharField(label=_("What would you like a creator to make?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("For example: a leaflet and a short video that explain the issue to residents."))
    kinds = forms.MultipleChoiceField(label=_("Kinds of creator wanted"), choices=CreatorKind.choices,
                                      widget=forms.CheckboxSelectMultiple)
    budget_yen = YenField(label=_("Budget in yen (optional)"), required=False,
                          help_text=_("Whole yen, e.g. 50000. Leave empty if there is no budget yet."))
    status = forms.ChoiceField(label=_("Status"), choices=CreatorBrief.Status.choices, widget=forms.RadioSelect,
                               initial=CreatorBrief.Status.OPEN)


class OfficialAnswerForm(forms.Form):
    """公式回答 — the state and text of an official answer; a reason when it is not possible."""

    state = forms.ChoiceField(label=_("State"), choices=AnswerState.choices, widget=forms.RadioSelect)
    body = MultiLineField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                          help_text=_("You can use Markdown: **bold**, lists with -, links."))
    reason = MultiLineField(label=_("Reason (when it is not possible)"), max_length=2000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("state") == AnswerState.NOT_POSSIBLE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why it is not possible."))
        return data
