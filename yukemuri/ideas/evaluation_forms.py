"""Forms of the evaluation page: an outcome, a measured value, the yearly evaluation."""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import MultiLineField, OneLineField

from .models import Decision

DATES = [MinValueValidator(date(2000, 1, 1), message=_("Give a date between 2000 and 2200.")),
         MaxValueValidator(date(2200, 12, 31), message=_("Give a date between 2000 and 2200."))]
AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal(0), "max_value": Decimal("999999999999")}


class OutcomeForm(forms.Form):
    indicator = OneLineField(label=_("Indicator"), max_length=120, help_text=_("What you count, e.g. 試食会の参加者数."))
    unit = OneLineField(label=_("Unit"), max_length=20, help_text=_("e.g. 人, 件, 円"))
    goal = forms.DecimalField(label=_("Goal"), **AMOUNT)
    goal_by = forms.DateField(label=_("Goal by"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              validators=DATES)


class MeasurementForm(forms.Form):
    outcome = forms.TypedChoiceField(label=_("Indicator"), coerce=int)
    measured_on = forms.DateField(label=_("Measured on"), widget=forms.DateInput(attrs={"type": "date"}),
                                  validators=DATES)
    value = forms.DecimalField(label=_("Value"), **AMOUNT)
    note = OneLineField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {o.pk: o for o in outcomes}
        self.fields["outcome"].choices = [(o.pk, f"{o.indicator} ({o.unit})") for o in outcomes]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["outcome"] = self.outcomes[data["outcome"]]
        return data


class EvaluationForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    worked = MultiLineField(label=_("What worked"), max_length=5000)
    did_not_work = MultiLineField(label=_("What did not work"), max_length=5000)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, f"FY{y}") for y in years]
