"""The filters of the creators page (クリエイター一覧)."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from yukemuri.regions.models import Area

from .models import CreatorKind, PersonCreatorKind, PersonSkill


class CreatorFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(label=_("Kind of creator"), choices=CreatorKind.choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)
    skill = forms.CharField(label=_("Skill"), required=False, max_length=60,
                            widget=forms.TextInput(attrs={"type": "search"}))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("All areas"))
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["area"].error_messages["invalid_choice"] = _("There is no area with that id.")

    def filter(self, queryset):
        """Any of the kinds asked for; every word of the skill; the area people are tied to."""
        data = self.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(Exists(PersonCreatorKind.objects.filter(person=OuterRef("pk"),
                                                                               kind__in=data["kind"])))
        for term in (data.get("skill") or "").split()[:3]:
            queryset = queryset.filter(Exists(PersonSkill.objects.filter(person=OuterRef("pk"),
                                                                         skill__name__icontains=term)))
        if data.get("area"):
            queryset = queryset.filter(home_municipality__area=data["area"])
        return queryset

    def active_filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if name != "page" and value}
