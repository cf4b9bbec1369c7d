from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.people.forms import MunicipalityChoiceField

from . import prefectures
from .models import Kind
from .services import EARLIEST_YEAR, MAX_QUESTIONS


class PlaceForm(forms.Form):
    """The first step of a registration (a GET form): which municipality, so its own survey can be asked."""

    municipality = MunicipalityChoiceField(label=_("Municipality you are tied to"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].required = True
        self.fields["municipality"].empty_label = None


class TieForm(forms.Form):
    kinds = forms.MultipleChoiceField(label=_("How are you tied to this place?"), choices=Kind.choices,
                                      widget=forms.CheckboxSelectMultiple)
    since = forms.IntegerField(label=_("Since which year? (optional)"), required=False, min_value=EARLIEST_YEAR,
                               widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    wishes = forms.MultipleChoiceField(label=_("What would you like to do there?"), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    wish_text = forms.CharField(label=_("In your own words (optional)"), required=False, max_length=1000,
                                widget=forms.Textarea(attrs={"rows": 3}))
    prefecture = forms.ChoiceField(label=_("Prefecture where you live (optional)"), required=False,
                                   help_text=_("Only counted, never shown with your name."))
    contact_consent = forms.BooleanField(
        label=_("The municipality may contact me by e-mail about this place (my name, e-mail address and "
                "answers are shared with its staff)"), required=False)
    public_consent = forms.BooleanField(
        label=_("Show my display name on this municipality's page of people tied to it"), required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wishes"].choices = [(q.key, q.display_text) for q in questions]
        self.fields["since"].widget.attrs["max"] = timezone.now().year  # checked in clean_since: the year moves
        self.fields["prefecture"].choices = [("", _("Not given")), *prefectures.choices()]

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since is not None and since > timezone.now().year:
            raise forms.ValidationError(_("Give a year from %(first)s to %(last)s.") % {
                "first": EARLIEST_YEAR, "last": timezone.now().year})
        return since


class SurveyForm(forms.Form):
    intro = forms.CharField(label=_("Introduction (optional)"), required=False, max_length=300,
                            widget=forms.Textarea(attrs={"rows": 2}))
    questions = forms.CharField(
        label=_("Questions, one per line"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most %(most)s. People tick the ones they would like to do. Changing a line's text makes a "
                    "new question; a removed line is no longer asked, but the answers already given are kept.")
        % {"most": MAX_QUESTIONS})

    def service_kwargs(self) -> dict:
        return {"intro": self.cleaned_data["intro"], "lines": self.cleaned_data["questions"].splitlines()}


class GuideForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60, required=False,
                           help_text=_("Leave empty to show no guide."))
    role = forms.CharField(label=_("Role"), max_length=80, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    url = forms.URLField(label=_("Web page"), max_length=300, required=False, assume_scheme="https")
    note = forms.CharField(label=_("Note"), max_length=300, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("e.g. 平日 9時〜17時。移住の相談もどうぞ。"))
