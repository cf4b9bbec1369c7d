from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import split_terms

from .models import RoleKind


class RoleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Role"), choices=[c for c in RoleKind.choices if c[0] != RoleKind.MEMBER])
    skill_names = forms.CharField(label=_("Skills wanted"), required=False, max_length=300,
                                  help_text=_("Separate with commas, e.g. デザイン, 写真"))
    count = forms.IntegerField(label=_("How many people"), min_value=1, max_value=500, initial=1)
    description = forms.CharField(label=_("What the role does"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def clean_skill_names(self):
        return split_terms(self.cleaned_data["skill_names"])


class InviteForm(forms.Form):
    role = forms.ModelChoiceField(label=_("Role"), queryset=None)
    email = forms.EmailField(label=_("Their e-mail address"))
    message = forms.CharField(label=_("Message"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles
