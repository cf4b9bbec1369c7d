"""Forms of the events pages: filters, organising, registering, checking in."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.codes import code_field
from yukemuri.core.filters import active_filters
from yukemuri.core.forms import HoneypotField, OneLineField, split_terms
from yukemuri.organisations.services import organisations_of
from yukemuri.regions.forms import MunicipalityCodeField, PlaceField
from yukemuri.regions.models import Area

from .models import EventKind

TOKYO = ZoneInfo("Asia/Tokyo")
# Dates far from now overflow when made aware (year 1 minus nine hours) or mean nothing to an event list.
DATE_RANGE = [
    MinValueValidator(date(1900, 1, 1), message=_("Give a date between 1900 and 2200.")),
    MaxValueValidator(date(2200, 12, 31), message=_("Give a date between 1900 and 2200.")),
]


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(label=_("When"), required=False, choices=[
        ("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All dates"))])
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("All areas"))
    municipality = MunicipalityCodeField(label=_("Municipality"))
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                validators=DATE_RANGE)
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              validators=DATE_RANGE)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + [(k.slug, k.display_name) for k in EventKind.objects.all()]
        self.fields["area"].error_messages["invalid_choice"] = _("There is no area with that id.")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    def filter(self, queryset, now=None):
        data, now = self.cleaned_data, now or timezone.now()
        if data.get("municipality"):
            queryset = queryset.filter(municipality=data["municipality"])
        elif data.get("area"):
            queryset = queryset.filter(area=data["area"])
        if data.get("kind"):
            queryset = queryset.filter(kind__slug=data["kind"])
        if data.get("date_from"):
            queryset = queryset.filter(ends_at__gte=datetime.combine(data["date_from"], time.min, TOKYO))
        if data.get("date_to"):
            queryset = queryset.filter(starts_at__lte=datetime.combine(data["date_to"], time.max, TOKYO))
        when = data.get("when") or ("all" if data.get("date_from") or data.get("date_to") else "upcoming")
        if when == "upcoming":
            queryset = queryset.filter(ends_at__gte=now).order_by("starts_at", "id")
        elif when == "past":
            queryset = queryset.filter(ends_at__lt=now).order_by("-starts_at", "-id")
        return queryset

    def active_filters(self) -> dict:
        return active_filters(self)


class SeriesForm(forms.Form):
    title = OneLineField(label=_("Title"), max_length=120,
                            help_text=_("For example: 未来共創ワークショップ 2026 高崎安中"))
    description = forms.CharField(label=_("Description"), required=False, max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    place = PlaceField(label=_("Area or municipality"))
    organisations = forms.ModelMultipleChoiceField(label=_("Organised by"), queryset=None, required=False,
                                                   widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations_of(user)
        if not self.fields["organisations"].queryset.exists():
            del self.fields["organisations"]

    def service_kwargs(self):
        data = self.cleaned_data
        return {"title": data["title"], "description": data["description"], "place": data["place"],
                "organisations": list(data.get("organisations") or [])}


class EventForm(forms.Form):
    """Schedule an event or a session of a series. Dates and times are in Japan time."""

    kind = forms.ModelChoiceField(label=_("Kind"), queryset=EventKind.objects.all(), empty_label=None,
                                  to_field_name="slug")
    session_number = forms.IntegerField(label=_("Session number"), required=False, min_value=1, max_value=99)
    title = OneLineField(label=_("Title"), max_length=120)
    description = forms.CharField(label=_("Programme"), required=False, max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text=_("You can use Markdown: **bold**, lists with -, links."))
    place = PlaceField(label=_("Municipality"), required=False,
                       help_text=_("Leave empty to use the series’ place."))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    venue_name = OneLineField(label=_("Venue"), required=False, max_length=120)
    address = OneLineField(label=_("Address"), required=False, max_length=200)
    online_url = forms.URLField(label=_("Online link"), required=False, max_length=500, assume_scheme="https",
                                help_text=_("For online or hybrid events."))
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=1,
                                  help_text=_("Leave empty for no limit."))
    registration_opens = forms.DateField(label=_("Registration opens on"), required=False,
                                         widget=forms.DateInput(attrs={"type": "date"}),
                                         help_text=_("Leave empty to take registrations from now."))
    registration_closes = forms.DateField(label=_("Registration closes on"), required=False,
                                          widget=forms.DateInput(attrs={"type": "date"}),
                                          help_text=_("Leave empty to take registrations until the start."))
    fee = OneLineField(label=_("Fee"), required=False, max_length=60, initial="無料")
    facilitators = OneLineField(label=_("Facilitators"), required=False, max_length=200)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    childcare = forms.BooleanField(label=_("Childcare available"), required=False)
    easy_japanese = forms.BooleanField(label=_("Held in easy Japanese (やさしい日本語)"), required=False)
    interpretation = OneLineField(label=_("Interpretation languages"), required=False, max_length=200,
                                     help_text=_("Separate with commas, e.g. English, Tiếng Việt"))
    accessibility_note = OneLineField(label=_("Other accessibility information"), required=False, max_length=400)
    access = OneLineField(label=_("How to get there"), required=False, max_length=400)
    contact_name = OneLineField(label=_("Contact"), required=False, max_length=120)
    contact_phone = OneLineField(label=_("Contact telephone"), required=False, max_length=30)
    organisations = forms.ModelMultipleChoiceField(label=_("Organised by"), queryset=None, required=False,
                                                   widget=forms.CheckboxSelectMultiple,
                                                   help_text=_("Their members can run the event with you."))

    def __init__(self, *args, series=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations_of(user)
        if series is not None or not self.fields["organisations"].queryset.exists():
            del self.fields["organisations"]  # sessions take the series' organisers
        if series is None:
            del self.fields["session_number"]
            self.fields["place"].required = True
            self.fields["place"].help_text = ""

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("The end must be after the start."))
        if not (data.get("venue_name") or data.get("address") or data.get("online_url")):
            self.add_error("venue_name", _("Give a venue, an online link, or both."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        day = data["date"]
        closes, opens = data.get("registration_closes"), data.get("registration_opens")
        kwargs = {
            "kind": data["kind"], "place": data.get("place"), "title": data["title"],
            "description": data["description"],
            "starts_at": datetime.combine(day, data["start_time"], TOKYO),
            "ends_at": datetime.combine(day, data["end_time"], TOKYO),
            "registration_closes_at": datetime.combine(closes, time(23, 59), TOKYO) if closes else None,
            "registration_opens_at": datetime.combine(opens, time.min, TOKYO) if opens else None,
            "interpretation": split_terms(data["interpretation"]),
        }
        for name in ("venue_name", "address", "online_url", "capacity", "fee", "facilitators", "step_free", "childcare",
                     "easy_japanese", "accessibility_note", "access", "contact_name", "contact_phone"):
            kwargs[name] = data[name]
        if "session_number" in self.fields:
            kwargs["session_number"] = data.get("session_number")
        if "organisations" in self.fields:
            kwargs["organisations"] = list(data.get("organisations") or [])
        return kwargs


def event_initial(event) -> dict:
    start, end = timezone.localtime(event.starts_at, TOKYO), timezone.localtime(event.ends_at, TOKYO)
    initial = {name: getattr(event, name) for name in (
        "title", "description", "venue_name", "address", "online_url", "capacity", "fee", "facilitators",
        "step_free", "childcare", "easy_japanese", "accessibility_note", "access", "contact_name", "contact_phone",
        "session_number")}
    initial |= {"kind": event.kind.slug, "date": start.date(), "start_time": start.time(), "end_time": end.time(),
                "interpretation": ", ".join(event.interpretation)}
    if event.registration_closes_at:
        initial["registration_closes"] = timezone.localtime(event.registration_closes_at, TOKYO).date()
    if event.registration_opens_at:
        initial["registration_opens"] = timezone.localtime(event.registration_opens_at, TOKYO).date()
    initial["organisations"] = [o.pk for o in event.organisers.all()]
    if event.municipality_id:
        initial["place"] = f"m:{event.municipality.code}"
    elif event.area_id:
        initial["place"] = f"a:{event.area_id}"
    return initial


class GuestRegistrationForm(forms.Form):
    name = OneLineField(label=_("Your name"), max_length=80)
    email = forms.EmailField(label=_("E-mail address"), help_text=_("We send you a link to confirm; it is your ticket."))
    consent = forms.BooleanField(label=_("I agree that my name and e-mail address are used to run this event "
                                         "(the organisers see them; nobody else does)."))
    website = HoneypotField()


class CheckInForm(forms.Form):
    code = code_field(label=_("Ticket code"), help_text=_("The 8 characters under the QR code, e.g. K7M2P9QX."))
