"""Forms for steering an idea: its stage, status, plan, milestones and adoptions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.organisations.models import Organisation
from yukemuri.regions.models import Municipality

from .models import Stage, Status


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to stage"), choices=Stage.choices)
    reason = forms.CharField(label=_("Why (shown on the timeline)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    reason = forms.CharField(label=_("Why (shown on the timeline)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class PlanForm(forms.Form):
    goal = forms.CharField(label=_("Goal"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("What will be different when the idea works?"))
    first_step = forms.CharField(label=_("First step"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    resources = forms.CharField(label=_("Resources needed"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 3}), help_text=_("People, places, things, money."))
    municipal_partner = forms.ModelChoiceField(
        label=_("Municipal partner"), required=False,
        queryset=Organisation.objects.filter(kind__in=["municipality", "prefecture"]).order_by("name"))
    pilot_starts_on = forms.DateField(label=_("Pilot starts on"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    budget_line = forms.CharField(
        label=_("Budget line"), required=False, max_length=200,
        help_text=_("A public budget that pays for the pilot, e.g. the name of the programme and fiscal year."))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class AdoptionForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality that adopted it"),
                                          queryset=Municipality.objects.order_by("code"))
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
