"""Forms of the membership pages: sign-up, change of plan, the desk's code."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.codes import code_field
from yukemuri.organisations.services import organisations_of


class JoinForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False,
                                          help_text=_("A corporate plan is taken for an organisation you belong to."))
    billing_name = forms.CharField(label=_("Name on invoices"), max_length=120, required=False,
                                   help_text=_("Leave empty to use your name or the organisation's."))

    def __init__(self, *args, plan, person, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("starts_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["organisation"].queryset = organisations_of(person)
        if not plan.corporate:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].required = True

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data.setdefault("organisation", None)
        return data


class ChangePlanForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("New plan"), queryset=None)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class DeskForm(forms.Form):
    code = code_field(label=_("Member code"), help_text=_("The 8 characters under the member card's QR code."))


class MonthForm(forms.Form):
    month = forms.DateField(label=_("Month"), input_formats=["%Y-%m"], required=False,
                            widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))


class NamedMemberForm(forms.Form):
    """A colleague to name on a corporate membership, by the e-mail address of their account."""

    email = forms.EmailField(label=_("E-mail address"))

    def clean_email(self):
        from django.contrib.auth import get_user_model

        person = get_user_model().objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("Nobody has an account with this address."))
        return person

    def service_kwargs(self):
        return {"person": self.cleaned_data["email"]}
