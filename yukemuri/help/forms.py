"""Forms of the help pages: the list's filters, a request, a time slot."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.attachments.forms import UploadFields
from yukemuri.core.filters import active_filters
from yukemuri.core.forms import LanguageField, OneLineField, split_terms
from yukemuri.events.forms import DATE_RANGE, TOKYO
from yukemuri.organisations.models import Organisation
from yukemuri.regions.forms import MunicipalityCodeField
from yukemuri.regions.models import Area

from .models import HelpRequest

KIND_CHOICES = [("", _("All kinds")), *HelpRequest.Kind.choices]


class HelpFilterForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("All areas"))
    municipality = MunicipalityCodeField(label=_("Municipality"))
    kind = forms.ChoiceField(label=_("Kind of help"), required=False, choices=KIND_CHOICES)
    skill = OneLineField(label=_("Skill"), required=False, max_length=60)
    online = forms.ChoiceField(label=_("Online"), required=False, choices=[
        ("", _("Online or on site")), ("yes", _("Online")), ("no", _("On site"))])
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                validators=DATE_RANGE)
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              validators=DATE_RANGE)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["area"].error_messages["invalid_choice"] = _("There is no area with that id.")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    def filter(self, queryset):
        from .selectors import filter_requests

        return filter_requests(queryset, self.cleaned_data)

    def active_filters(self) -> dict:
        return active_filters(self)


class HelpRequestForm(UploadFields):
    """What a host asks for; the time slots are added afterwards, one by one."""

    host = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none(), required=False,
                                  empty_label=_("No organisation (staff)"))
    title = OneLineField(label=_("Title"), max_length=120, help_text=_("For example: キャベツの収穫のお手伝い"))
    kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpRequest.Kind.choices)
    description = forms.CharField(label=_("What the help is"), max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text=_("You can use Markdown: **bold**, lists with -, links."))
    language = LanguageField()
    municipality = MunicipalityCodeField(label=_("Municipality"), required=True)
    place_name = OneLineField(label=_("Place"), required=False, max_length=120,
                              help_text=_("Where helpers meet, e.g. 鎌原地区 公民館前"))
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    online = forms.BooleanField(label=_("The help is given online"), required=False)
    skills = OneLineField(label=_("Skills wanted"), required=False, max_length=300,
                          help_text=_("Separate with commas; leave empty when anyone can help."))
    languages = OneLineField(label=_("Languages wanted"), required=False, max_length=200,
                             help_text=_("Separate with commas, e.g. 日本語, English"))
    accessibility_note = OneLineField(label=_("Accessibility"), required=False, max_length=400)
    safety_note = OneLineField(label=_("Safety"), required=False, max_length=400,
                               help_text=_("What to wear or bring, risks, insurance."))
    points = forms.IntegerField(label=_("Points per attended slot"), required=False, min_value=0, max_value=10000,
                                initial=0)
    goods = OneLineField(label=_("Goods in return"), required=False, max_length=200)
    meal = forms.BooleanField(label=_("A meal is offered"), required=False)
    experience = OneLineField(label=_("An experience in return"), required=False, max_length=200)
    travel_covered = forms.BooleanField(label=_("Travel is covered"), required=False)
    travel_note = OneLineField(label=_("About travel"), required=False, max_length=200)

    def __init__(self, *args, user=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["host"]  # a request stays with its host
            return
        self.fields["host"].queryset = Organisation.objects.filter(verified=True, memberships__person=user).distinct()
        if not (user and user.has_perm("help.mark_disaster")):
            self.fields["host"].required = True
            self.fields["host"].empty_label = None

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
        return data

    def service_kwargs(self) -> dict:
        data = self.without_upload()  # the photo or file goes to attachments (then_attach), not to the request
        data["skills"] = split_terms(data["skills"])
        data["languages"] = split_terms(data["languages"])
        data["points"] = data.get("points") or 0
        if not data.get("language"):
            data.pop("language", None)  # left out: the writer's site language
        return data


def request_initial(help_request) -> dict:
    initial = {name: getattr(help_request, name) for name in (
        "title", "kind", "description", "place_name", "latitude", "longitude", "online", "accessibility_note",
        "safety_note", "points", "goods", "meal", "experience", "travel_covered", "travel_note", "language")}
    initial["municipality"] = help_request.municipality.code
    initial["skills"] = ", ".join(s.name for s in help_request.skills.all())
    initial["languages"] = ", ".join(help_request.languages)
    return initial


class SlotForm(forms.Form):
    """A time slot in Japan time, with the number of helpers needed (the event's capacity)."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), validators=DATE_RANGE)
    start_time = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    helpers = forms.IntegerField(label=_("Helpers needed"), min_value=1, max_value=1000, initial=5)

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("The end must be after the start."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"starts_at": datetime.combine(data["date"], data["start_time"], TOKYO),
                "ends_at": datetime.combine(data["date"], data["end_time"], TOKYO), "helpers": data["helpers"]}


def slot_initial(slot) -> dict:
    start, end = timezone.localtime(slot.event.starts_at, TOKYO), timezone.localtime(slot.event.ends_at, TOKYO)
    return {"date": start.date(), "start_time": start.time(), "end_time": end.time(), "helpers": slot.event.capacity}
