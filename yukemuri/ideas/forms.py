import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yukemuri.attachments.forms import UploadFields
from yukemuri.issues.postforms import PostForm
from yukemuri.issues.selectors import issues_for_ids
from yukemuri.notifications.forms import GuestForm
from yukemuri.regions.filters import PostFilterForm

from .models import Stage


class IdeaForm(PostForm, UploadFields):
    """Propose or edit an idea. Issues come as ticked boxes (the ones it came from) or typed numbers."""

    issues = forms.TypedMultipleChoiceField(
        label=_("Issues this idea answers"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    more_issues = forms.CharField(
        label=_("Other issue numbers"), required=False, max_length=100,
        help_text=_("The numbers of other issues it answers, separated by commas, e.g. 12, 34."),
    )

    def __init__(self, *args, offered_issues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].label = _("Proposing municipality or area")
        self.fields["issues"].choices = [(issue.pk, f"#{issue.pk} {issue.title}") for issue in offered_issues]
        if not offered_issues:
            del self.fields["issues"]

    def clean_more_issues(self):
        text = self.cleaned_data.get("more_issues", "")
        if re.search(r"[^\d#,、\s]", text):
            raise ValidationError(_("Type issue numbers only, separated by commas."))
        ids = [int(n) for n in re.findall(r"\d+", text)]
        found = {issue.pk for issue in issues_for_ids([i for i in ids if i < 2**63])}  # no overflow
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise ValidationError(
                _("There is no published issue numbered %(ids)s."), params={"ids": ", ".join(missing)}
            )
        return ids

    def service_kwargs(self) -> dict:
        ids = list(self.cleaned_data.get("issues") or []) + self.cleaned_data["more_issues"]
        return super().service_kwargs() | {"issue_ids": list(dict.fromkeys(ids))}


class IdeaFilterForm(PostFilterForm):
    status_field = "stage"
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices])
    issue = forms.IntegerField(label=_("Answers issue"), required=False, min_value=1, max_value=2**63 - 1,
                               widget=forms.HiddenInput)  # a larger id overflows the database's integer

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if self.cleaned_data.get("issue"):
            queryset = queryset.filter(issues=self.cleaned_data["issue"])
        return queryset


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class GuestSupportForm(GuestForm):
    """応援 without an account (ideas/guests.py)."""


class GuestCommentForm(GuestForm):
    """A comment without an account: the guest's name, address and text (ideas/guests.py)."""

    body = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    field_order = ["name", "email", "body", "consent", "website"]
