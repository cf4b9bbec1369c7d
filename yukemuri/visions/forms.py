"""Forms of the vision pages: a version's text and links, a new vision, compare, an update, a review, a steward."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import MultiLineField, OneLineField, TermsField
from yukemuri.events.models import Series
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue
from yukemuri.people.selectors import verified_person_with_email
from yukemuri.regions.models import Area, Municipality
from yukemuri.topics.forms import SDGField
from yukemuri.topics.models import SDGGoal


class _Choices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, required=False, **kwargs)


class VisionForm(forms.Form):
    """A version of a vision: title, Markdown text with headings, what changed, themes, SDGs, and what it answers
    and came from (the area's published issues and ideas, its workshop series)."""

    title = OneLineField(label=_("Title"), max_length=120)
    body = MultiLineField(label=_("Text"), max_length=30000,
                          help_text=_("Markdown: start a heading with ## (e.g. ## 子どもの居場所), a list with -."))
    note = OneLineField(label=_("What changed"), max_length=300, required=False,
                        help_text=_("One line for the list of versions, e.g. 「空き家の節を追加」."))
    themes = TermsField(label=_("Themes"), help_text=_("Separate with commas, e.g. 空き家, 子育て"))
    sdgs = SDGField()
    issues = _Choices(Issue.objects.none(), label=_("Issues it answers"))
    ideas = _Choices(Idea.objects.none(), label=_("Ideas it answers"))
    series = _Choices(Series.objects.none(), label=_("Workshops that produced it"))

    def __init__(self, *args, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        if area is None:
            for name in ("issues", "ideas", "series"):
                del self.fields[name]
            return
        in_area = Q(area=area) | Q(municipality__area=area)
        self.fields["issues"].queryset = Issue.objects.published().filter(in_area).order_by("title", "pk")
        self.fields["ideas"].queryset = Idea.objects.published().filter(in_area).order_by("title", "pk")
        self.fields["series"].queryset = Series.objects.filter(area=area).order_by("created_at")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"title": data["title"], "body": data["body"], "note": data["note"],
                  "themes": list(data["themes"]),  # names: the service makes them terms in its transaction
                  "sdgs": list(SDGGoal.objects.filter(number__in=data["sdgs"]))}
        for name in ("issues", "ideas", "series"):
            if name in self.fields:
                kwargs[name] = list(data[name])
        return kwargs

    @staticmethod
    def initial_from(revision) -> dict:
        if revision is None:
            return {}
        return {"title": revision.title, "body": revision.body,
                "themes": ", ".join(t.name for t in revision.themes.all()),
                "sdgs": [g.number for g in revision.sdgs.all()],
                "issues": [i.pk for i in revision.issues.all()], "ideas": [i.pk for i in revision.ideas.all()],
                "series": [s.pk for s in revision.series.all()]}


class NewVisionForm(VisionForm):
    """A new vision: the area, and a municipality of it for a municipality's own vision."""

    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all())
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.filter(
        area__isnull=False).order_by("code"), required=False, empty_label=_("The whole area"))
    field_order = ["area", "municipality"]

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "area": self.cleaned_data["area"],
                "municipality": self.cleaned_data["municipality"]}


class CompareForm(forms.Form):
    """`?a=<version>&b=<version>`: unknown versions are a field error, never a 500."""

    a = forms.TypedChoiceField(label=_("From version"), coerce=int)
    b = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Version %(n)d") % {"n": n}) for n in numbers]
        self.fields["a"].choices = self.fields["b"].choices = choices


YEAR_RANGE = [MinValueValidator(date(2000, 1, 1)), MaxValueValidator(date(2200, 12, 31))]


class UpdateForm(forms.Form):
    written_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}),
                                 validators=YEAR_RANGE)
    title = OneLineField(label=_("Title"), max_length=120)
    body = MultiLineField(label=_("What happened"), max_length=10000, help_text=_("Markdown is supported."))


class ReviewForm(forms.Form):
    moved = MultiLineField(label=_("What moved"), max_length=10000, required=False,
                           help_text=_("Prefilled from the ideas' stage changes of the year: edit freely."))
    stalled = MultiLineField(label=_("What stalled"), max_length=10000, required=False)
    next_steps = MultiLineField(label=_("Next steps"), max_length=10000, required=False)


class StewardForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"),
                             help_text=_("The address their account confirmed."))

    def clean_email(self):
        person = verified_person_with_email(self.cleaned_data["email"])
        if person is None:
            raise forms.ValidationError(_("No account has confirmed this address."))
        return person

    def service_kwargs(self) -> dict:
        return {"person": self.cleaned_data["email"]}
