"""The SDG checkboxes of posts and profiles (moved from core.forms, which imports no domain app)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SDGGoal


class SDGField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("SDGs"))
        kwargs.setdefault("required", False)
        super().__init__(coerce=int, choices=self.goal_choices, **kwargs)

    @staticmethod
    def goal_choices():
        return [(goal.number, str(goal)) for goal in SDGGoal.objects.all()]
