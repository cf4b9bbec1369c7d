"""Forms of the consultation pages: the filter of open slots, a slot, the intake, the notes, the hand-offs."""

from datetime import date, datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import MultiLineField, OneLineField

from .models import Consultation, CoordinatorProfile, Field, Qualification, Stage

DATE_RANGE = [MinValueValidator(date(1900, 1, 1), message=_("Give a date between 1900 and 2200.")),
              MaxValueValidator(date(2200, 12, 31), message=_("Give a date between 1900 and 2200."))]


class SlotFilterForm(forms.Form):
    """`?field=<key>&qualification=<key>`: unknown keys are a field error and an empty list, never a 500."""

    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.all(), to_field_name="code",
                                   required=False, empty_label=_("Any field"))
    qualification = forms.ModelChoiceField(label=_("Qualification"), queryset=Qualification.objects.all(),
                                           to_field_name="code", required=False, empty_label=_("Any qualification"))


class SlotForm(forms.Form):
    """A coordinator's new slot: day, start, length, and a room of their space or online."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), validators=DATE_RANGE)
    start = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    minutes = forms.TypedChoiceField(label=_("Length"), coerce=int, initial=60,
                                     choices=[(m, _("%(m)d minutes") % {"m": m}) for m in (30, 45, 60, 90, 120)])
    place = forms.ChoiceField(label=_("Place"))

    def __init__(self, *args, facilities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.facilities = {str(f.pk): f for f in facilities}
        self.fields["place"].choices = [("online", _("Online")), *((k, f.name) for k, f in self.facilities.items())]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        starts = timezone.make_aware(datetime.combine(data["day"], data["start"]))
        facility = self.facilities.get(data["place"])
        return {"starts_at": starts, "minutes": data["minutes"], "facility": facility, "online": facility is None}


class IntakeForm(forms.Form):
    """相談受付票 — what the member brings: topic, field, stage of the business, what they need."""

    topic = OneLineField(label=_("Topic"), max_length=200, help_text=_("In a line, e.g. “Raising funds for a café”."))
    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.all(), required=False,
                                   empty_label=_("Not sure"))
    stage = forms.ChoiceField(label=_("Stage of the business"), choices=Stage.choices)
    needs = MultiLineField(label=_("What you need"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("What you hope to leave with: advice, a contact, a check of your plan …"))


class NotesForm(forms.Form):
    """The coordinator's private note and follow-up."""

    private_note = MultiLineField(label=_("Private note"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text=_("Seen by the space's coordinators and operator, never by the member."))
    follow_up = OneLineField(label=_("Next step"), max_length=300, required=False)
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, validators=DATE_RANGE,
                                   widget=forms.DateInput(attrs={"type": "date"}))


class MatchingHandOffForm(forms.Form):
    seeking = forms.ChoiceField(label=_("Look for"), choices=Consultation.Seeking.choices)
    skills = OneLineField(label=_("Skills (comma-separated, optional)"), max_length=300, required=False)
    description = MultiLineField(label=_("What they should know (optional)"), max_length=2000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        skills = [s.strip() for s in data["skills"].replace("、", ",").split(",") if s.strip()][:10]
        return {"seeking": data["seeking"], "skills": skills, "description": data["description"]}


class TeamHandOffForm(forms.Form):
    role = forms.ChoiceField(label=_("Open role of an idea"))
    message = MultiLineField(label=_("Message to the member (optional)"), max_length=1000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = {str(r.pk): r for r in roles}
        self.fields["role"].choices = [(k, f"{r.idea.title} — {r.get_kind_display()}") for k, r in self.roles.items()]

    def service_kwargs(self) -> dict:
        return {"role": self.roles[self.cleaned_data["role"]], "message": self.cleaned_data["message"]}


def _label(name):
    return capfirst(CoordinatorProfile._meta.get_field(name).verbose_name)


class ProfileForm(forms.Form):
    """The operator sets a coordinator's profile: who, qualifications and fields (checkboxes), introduction, active."""

    person = forms.ModelChoiceField(label=_("Coordinator"), queryset=None)
    qualifications = forms.ModelMultipleChoiceField(label=_label("qualifications"), required=False,
                                                    queryset=Qualification.objects.all(),
                                                    widget=forms.CheckboxSelectMultiple)
    fields = forms.ModelMultipleChoiceField(label=_label("fields"), required=False, queryset=Field.objects.all(),
                                            widget=forms.CheckboxSelectMultiple)
    introduction = MultiLineField(label=_label("introduction"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    active = forms.BooleanField(label=_label("active"), required=False, initial=True)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
