"""Forms of the space pages: the week to show, a booking, a closure and a facility (the operator)."""

from datetime import date, datetime, timedelta
from uuid import uuid4

from django import forms
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.attachments.processing import photo_only
from yukemuri.core.forms import OneLineField
from yukemuri.events.forms import DATE_RANGE

from .models import Closure, Facility, WeeklyHours


class WeekForm(forms.Form):
    """`?week=YYYY-MM-DD`: the week (Monday to Sunday) holding that day; anything else → this week."""

    week = forms.DateField(required=False, validators=DATE_RANGE)

    def monday(self, today: date) -> date:
        day = (self.cleaned_data.get("week") if self.is_valid() else None) or today
        return day - timedelta(days=day.weekday())


def _duration_choices(max_minutes: int):
    return [(m, _("%(h)d h %(m)02d min") % {"h": m // 60, "m": m % 60}) for m in range(30, max_minutes + 1, 30)]


class BookingForm(forms.Form):
    """A booking: the day, the first half hour, how long; the operator also names whom it is for."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), validators=DATE_RANGE)
    start = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time", "step": 1800},
                                                                        format="%H:%M"),
                            help_text=_("On the hour or the half hour, e.g. 10:00 or 10:30."))
    minutes = forms.TypedChoiceField(label=_("Length"), coerce=int)
    purpose = OneLineField(label=_("Purpose (optional)"), max_length=200, required=False)
    for_email = forms.EmailField(label=_("Book for (their e-mail address)"), required=False,
                                 help_text=_("Leave empty to book for yourself."))

    def __init__(self, *args, facility, for_others: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].choices = _duration_choices(facility.max_booking_minutes)
        self.fields["minutes"].initial = 60 if facility.max_booking_minutes >= 60 else 30
        if not for_others:
            del self.fields["for_email"]

    def clean_for_email(self):
        email = self.cleaned_data.get("for_email")
        if not email:
            return None
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("Nobody has an account with this address."))
        return person

    def times(self) -> tuple[datetime, datetime]:
        starts = timezone.make_aware(datetime.combine(self.cleaned_data["day"], self.cleaned_data["start"]))
        return starts, starts + timedelta(minutes=self.cleaned_data["minutes"])


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["starts_on", "ends_on", "reason", "note"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}),
                   "ends_on": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["starts_on"] > data["ends_on"]:
            self.add_error("ends_on", _("The last day comes on or after the first."))
        return data


class HoursForm(forms.Form):
    """The weekly hours: opening and closing time per weekday and for public holidays; both empty = closed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, label in WeeklyHours.Day.choices:
            for part, part_label in (("opens", _("opens")), ("closes", _("closes"))):
                self.fields[f"{part}_{day}"] = forms.TimeField(
                    label=f"{label}: {part_label}", required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def clean(self):
        data = super().clean()
        for day, _label in WeeklyHours.Day.choices:
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if (opens is None) != (closes is None) and f"opens_{day}" not in self.errors:
                self.add_error(f"closes_{day}", _("Give both times, or neither for a closed day."))
            elif opens and closes and opens >= closes:
                self.add_error(f"closes_{day}", _("A day must open before it closes."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"rows": {day: (data[f"opens_{day}"], data[f"closes_{day}"]) if data.get(f"opens_{day}") else None
                         for day in WeeklyHours.Day.values}}


def hours_initial(weekly: dict) -> dict:
    return {f"{part}_{day}": row[i] for day, row in weekly.items() for i, part in enumerate(("opens", "closes"))}


MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_KINDS = (  # extension ← how the file starts: the type is read from the content, never from the name
    ("jpg", lambda data: data.startswith(b"\xff\xd8\xff")),
    ("png", lambda data: data.startswith(b"\x89PNG\r\n\x1a\n")),
    ("webp", lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP"),
)


def photo_kind(data: bytes) -> str | None:
    return next((ext for ext, matches in PHOTO_KINDS if matches(data)), None)


class FacilityForm(forms.ModelForm):
    """A facility as the operator edits it; the photo is checked by its first bytes and its size."""

    photo = forms.FileField(label=_("Photo (JPEG, PNG or WebP, up to 5 MB)"), required=False)

    class Meta:
        model = Facility
        fields = ["name", "kind", "capacity", "accessibility", "equipment", "description", "bookable",
                  "free_cancellation_hours", "max_booking_minutes", "sort_order", "photo_alt"]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        head = upload.read(16)
        upload.seek(0)
        if photo_kind(head) is None:
            raise forms.ValidationError(_("Upload a JPEG, PNG or WebP image."))
        # Re-encoded as the posts' photos are: a phone's photo carries where it was taken (EXIF GPS), the camera and
        # often the owner's name, none of which belongs on a public facility page; and a pixel bomb is refused.
        try:
            prepared = photo_only(upload, max_bytes=MAX_PHOTO_BYTES)
        except forms.ValidationError as error:
            if error.code == "not_a_photo":  # its message offers a PDF, which is for posts, not here
                raise forms.ValidationError(_("Upload a JPEG, PNG or WebP image.")) from None
            raise
        return ContentFile(prepared.data, name=f"facility-{uuid4().hex[:12]}.{prepared.extension}")

    def clean(self):
        data = super().clean()
        has_photo = data.get("photo") or (self.instance.pk and self.instance.photo)
        if has_photo and not data.get("photo_alt"):
            self.add_error("photo_alt", _("Describe the photo for people who cannot see it."))
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("photo"):
            data.pop("photo", None)
        return data
