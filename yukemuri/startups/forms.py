"""Forms of the startup registry: the list's filters, the profile, rounds, updates and programmes."""

from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yukemuri.core.filters import active_filters
from yukemuri.core.money import YenField
from yukemuri.people.forms import MunicipalityChoiceField
from yukemuri.regions.forms import MunicipalityCodeField
from yukemuri.regions.models import Area

from .models import FundingRound, Participation, Programme, Startup

SORTS = {
    "name": ("organisation__name", "pk"),
    "raised": ("-raised", "organisation__name"),
    "founded": (F("founded_on").desc(nulls_last=True), "organisation__name"),
    "updated": (F("last_update").desc(nulls_last=True), "organisation__name"),
}
PROGRAMME = pgettext_lazy("startup support", "Programme")  # events have a "Programme" too: an agenda
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartupFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    programme = forms.ModelChoiceField(label=PROGRAMME, queryset=Programme.objects.all(), required=False,
                                       empty_label=_("All programmes"))
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("All stages")), *Startup.Stage.choices])
    sector = forms.ChoiceField(label=_("Field of business"), required=False,
                               choices=[("", _("All fields")), *Startup.Sector.choices])
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("All areas"))
    municipality = MunicipalityCodeField(label=_("Municipality"))
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[
        ("name", _("Name")), ("raised", _("Most money raised")), ("founded", _("Newest founded")),
        ("updated", _("Latest update")),
    ])
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["programme"].error_messages["invalid_choice"] = _("There is no programme with that id.")
        self.fields["area"].error_messages["invalid_choice"] = _("There is no area with that id.")

    def filter(self, queryset):
        """Apply the cleaned filters; call only when the form is valid."""
        data = self.cleaned_data
        if data.get("programme"):
            # A subquery, not a join: a join would repeat startups and multiply sums.
            queryset = queryset.filter(pk__in=Participation.objects.filter(programme=data["programme"])
                                       .values("startup"))
        if data.get("stage"):
            queryset = queryset.filter(stage=data["stage"])
        if data.get("sector"):
            queryset = queryset.filter(sector=data["sector"])
        if data.get("municipality"):
            queryset = queryset.filter(organisation__municipality=data["municipality"])
        elif data.get("area"):
            queryset = queryset.filter(organisation__municipality__area=data["area"])
        for term in (data.get("q") or "").split()[:5]:
            queryset = queryset.filter(Q(organisation__name__icontains=term) | Q(pitch__icontains=term))
        return queryset.order_by(*SORTS[data.get("sort") or "name"])

    def active_filters(self) -> dict:
        filters = active_filters(self)
        if "programme" in filters:
            filters["programme"] = filters["programme"].pk
        return filters


class StartupProfileForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Startup.Stage.choices)
    sector = forms.ChoiceField(label=_("Field of business"),
                               choices=[("", _("Choose a field")), *Startup.Sector.choices])
    pitch = forms.CharField(label=_("What the startup does, in one sentence"), max_length=200, required=False)
    founded_on = forms.DateField(label=_("Founded on (optional)"), required=False, widget=DATE_INPUT)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class StartupRegisterForm(StartupProfileForm):
    organisation = forms.ModelChoiceField(label=_("Startup"), queryset=None, empty_label=None,
                                          help_text=_("Organisations of kind “startup” that are not in the registry yet."))

    field_order = ["organisation"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class StartupCreateForm(StartupProfileForm):
    """A startup that is not on yukemuri yet: its organisation is made at the same time."""

    name = forms.CharField(label=_("Name of the startup"), max_length=120)
    municipality = MunicipalityChoiceField(label=_("Municipality (where it is based, optional)"))
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    description = forms.CharField(label=_("What it does"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    field_order = ["name", "municipality", "website", "description"]


class FundingRoundForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    kind = forms.ChoiceField(label=_("Kind"), choices=FundingRound.Kind.choices, widget=forms.RadioSelect)
    amount_yen = YenField(label=_("Amount (yen)"), help_text=_("Whole yen, e.g. 5000000 or 5,000,000."))
    source = forms.CharField(label=_("Investor or source (optional)"), max_length=120, required=False,
                             help_text=_("Investor, lender, fund or programme."))
    is_public = forms.BooleanField(label=_("Show this round publicly and count it in the money raised"),
                                   required=False, initial=True)


class ProgressUpdateForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=timezone.localdate)
    text = forms.CharField(label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("You can use Markdown: **bold**, lists with -, links."))


class ParticipationForm(forms.Form):
    programme = forms.ModelChoiceField(label=PROGRAMME, queryset=Programme.objects.all(), empty_label=None)
    year = forms.IntegerField(label=_("Year joined"), min_value=2000, max_value=2100)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Participation.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("For example: アクセラレータープログラム"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Programme.Kind.choices)
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100,
                                     help_text=_("The year the fiscal year (年度) starts, e.g. 2025 for 令和7年度."))
    description = forms.CharField(label=_("Description (optional)"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
