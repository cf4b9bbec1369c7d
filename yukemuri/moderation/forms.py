from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with it?"), choices=Report.Reason.choices,
                               widget=forms.RadioSelect)
    detail = forms.CharField(label=_("Details (optional)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    ACTIONS = [("hide", _("Hide")), ("dismiss", _("Dismiss the reports")), ("approve", _("Approve")),
               ("restore", _("Restore"))]
    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(label=_("Reason (shown to the author when hiding)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
