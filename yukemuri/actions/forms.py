from django import forms
from django.utils.translation import gettext_lazy as _

from . import verbs


class ActionFilterForm(forms.Form):
    verb = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.CharField(label=_("Who (number, e-mail or name)"), required=False, max_length=254)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    target_type = forms.ModelChoiceField(label=_("Kind of object"), queryset=None, required=False)

    def __init__(self, *args, target_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verb"].choices = [("", _("Any")), *verbs.choices()]
        self.fields["target_type"].queryset = target_types
        self.fields["target_type"].empty_label = _("Any")
        self.fields["target_type"].label_from_instance = lambda ct: ct.model_class()._meta.verbose_name if \
            ct.model_class() else ct.model

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned
