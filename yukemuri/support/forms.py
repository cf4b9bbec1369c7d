"""Forms of the supporters' and staff pages: find or register a person, the consent, and what is entered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.filters import active_filters
from yukemuri.core.forms import MultiLineField, OneLineField
from yukemuri.core.models import Channel
from yukemuri.events.forms import DATE_RANGE
from yukemuri.regions.forms import MunicipalityCodeField

from .models import AssistedEntry
from .services import ConsentGiven

Method = AssistedEntry.ConsentMethod


class FindForm(forms.Form):
    reference = OneLineField(label=_("Reference number"), required=False, max_length=20,
                             help_text=_("On the person's slip, e.g. YK-AB3C-7DEF."))
    name = OneLineField(label=_("Name (or part of it, kanji or kana)"), required=False, max_length=100)
    municipality = MunicipalityCodeField(label=_("Municipality"))

    def clean(self):
        data = super().clean()
        if not data.get("reference") and not (data.get("name") and data.get("municipality")):
            raise forms.ValidationError(_("Give the reference number, or a name and the municipality."))
        return data


class PersonForm(forms.Form):
    full_name = OneLineField(label=_("Full name"), max_length=100)
    name_kana = OneLineField(label=_("Name in kana"), required=False, max_length=100)
    municipality = MunicipalityCodeField(label=_("Municipality where the person lives"), required=True)
    contact_note = OneLineField(label=_("How to reach them (optional)"), required=False, max_length=200,
                                help_text=_("A phone number, or “through the community centre”."))


class ConsentForm(forms.Form):
    """How the person agreed: every entry form has these fields (the service refuses without them)."""

    consent_method = forms.ChoiceField(label=_("How the person agreed"), choices=Method.choices,
                                       widget=forms.RadioSelect)
    consent_form_number = OneLineField(label=_("Number of the signed consent form"), required=False, max_length=40)
    consent_note = OneLineField(label=_("What the person said (for consent in words)"), required=False,
                                max_length=300, help_text=_("e.g. “Agreed in person at the library, 7 Dec.”"))

    def consent(self) -> ConsentGiven:
        data = self.cleaned_data
        return ConsentGiven(data["consent_method"], data.get("consent_form_number", ""), data.get("consent_note", ""))

    def service_kwargs(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("consent_")}
        return {**data, "consent": self.consent()}


class PostEntryForm(ConsentForm):
    title = OneLineField(label=_("Title"), max_length=120)
    body = MultiLineField(label=_("Description"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    municipality = MunicipalityCodeField(label=_("Municipality (if not where the person lives)"))
    field_order = ["title", "body", "municipality"]


class SupportEntryForm(ConsentForm):
    idea = forms.IntegerField(label=_("Idea number"), min_value=1, max_value=2**31 - 1,
                              help_text=_("The number shown as “Idea #…” on its page or poster."))
    field_order = ["idea"]


class RegistrationEntryForm(ConsentForm):
    event = forms.TypedChoiceField(label=_("Event"), coerce=int, choices=())
    field_order = ["event"]

    def __init__(self, *args, events=(), label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "—"), *events]
        if label:
            self.fields["event"].label = label


class BallotEntryForm(ConsentForm):
    """One row of agree / disagree / pass / (not asked) per statement of the conversation."""

    CHOICES = [("", _("Not asked")), ("1", _("Agree")), ("-1", _("Disagree")), ("0", _("Pass / unsure"))]

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = {f"s{statement.pk}": statement for statement in statements}
        for name, statement in self.statements.items():
            self.fields[name] = forms.ChoiceField(label=statement.text, choices=self.CHOICES, required=False,
                                                  widget=forms.RadioSelect)
        self.order_fields([*self.statements, "consent_method", "consent_form_number", "consent_note"])

    def service_kwargs(self) -> dict:
        votes = {statement: int(self.cleaned_data[name]) for name, statement in self.statements.items()
                 if self.cleaned_data.get(name) not in (None, "")}
        return {"votes": votes, "consent": self.consent()}


class CallerMixin(forms.Form):
    """Who is calling or who filled in the form: their reference, or a new person's name and municipality."""

    reference = OneLineField(label=_("Reference number (if they have one)"), required=False, max_length=20)
    full_name = OneLineField(label=_("Full name (a new person)"), required=False, max_length=100)
    name_kana = OneLineField(label=_("Name in kana"), required=False, max_length=100)
    home = MunicipalityCodeField(label=_("Municipality where they live (a new person)"))
    contact_note = OneLineField(label=_("How to reach them (optional)"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if not data.get("reference") and not (data.get("full_name") and data.get("home")):
            raise forms.ValidationError(_("Give the reference number, or the name and municipality of a new person."))
        return data


class PaperEntryForm(CallerMixin, forms.Form):
    """A returned paper form: its kind and number, who filled it in, and what they wrote."""

    kind = forms.ChoiceField(label=_("Form"), choices=[(AssistedEntry.Kind.IDEA, _("Idea")),
                                                       (AssistedEntry.Kind.ISSUE, _("Issue"))])
    # The cursor starts on the number: one returned form after another from the keyboard alone.
    form_number = OneLineField(label=_("Form number"), max_length=40,
                               widget=forms.TextInput(attrs={"autofocus": True}))
    title = OneLineField(label=_("Title"), max_length=120)
    body = MultiLineField(label=_("Description"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    municipality = MunicipalityCodeField(label=_("Municipality it is about (if not where they live)"))
    field_order = ["kind", "form_number", "reference", "full_name", "name_kana", "home", "contact_note", "title",
                   "body", "municipality"]


class CallForm(CallerMixin, forms.Form):
    """A phone call: who called, what they asked for, and what they said when they agreed."""

    KINDS = [(AssistedEntry.Kind.ISSUE, _("Issue")), (AssistedEntry.Kind.IDEA, _("Idea")),
             (AssistedEntry.Kind.REGISTRATION, _("Event registration"))]
    kind = forms.ChoiceField(label=_("The caller wants to post"), choices=KINDS, widget=forms.RadioSelect)
    title = OneLineField(label=_("Title (issue or idea)"), required=False, max_length=120)
    body = MultiLineField(label=_("Description (issue or idea)"), required=False, max_length=20000,
                          widget=forms.Textarea(attrs={"rows": 6}))
    event = forms.TypedChoiceField(label=_("Event (registration)"), coerce=int, required=False, choices=())
    consent_note = OneLineField(label=_("What the caller said when they agreed"), max_length=300)
    field_order = ["reference", "full_name", "name_kana", "home", "contact_note", "kind", "title", "body", "event",
                   "consent_note"]

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "—"), *events]

    def clean(self):
        data = super().clean()
        if data.get("kind") in (AssistedEntry.Kind.ISSUE, AssistedEntry.Kind.IDEA):
            for name in ("title", "body"):
                if not data.get(name):
                    self.add_error(name, _("This field is required."))
        elif data.get("kind") == AssistedEntry.Kind.REGISTRATION and not data.get("event"):
            self.add_error("event", _("Choose the event."))
        return data


class LogFilterForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("All channels")), *[c for c in Channel.choices if c[0] != "web"]])
    kind = forms.ChoiceField(label=_("What"), required=False, choices=[("", _("Everything")),
                                                                      *AssistedEntry.Kind.choices])
    reference = OneLineField(label=_("Reference number"), required=False, max_length=20)
    entered_by = forms.EmailField(label=_("Entered by (e-mail)"), required=False, max_length=254)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                validators=DATE_RANGE)
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              validators=DATE_RANGE)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=100000)

    def filter(self, queryset):
        from .selectors import filter_entries

        return filter_entries(queryset, self.cleaned_data)

    def active_filters(self) -> dict:
        return active_filters(self)


class PrintForm(forms.Form):
    """Which form numbers a printed batch carries."""

    start = forms.IntegerField(label=_("First form number"), required=False, min_value=1, max_value=99999)
    copies = forms.IntegerField(label=_("Copies"), required=False, min_value=1, max_value=50)


class ClaimForm(forms.Form):
    reference = OneLineField(label=_("Reference number"), max_length=20)
    code = OneLineField(label=_("Claim code"), max_length=20)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput, min_length=10, max_length=128)

    def clean_password(self):
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        validate_password(password)
        return password
