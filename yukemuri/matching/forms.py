from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import split_terms
from yukemuri.regions.models import Municipality

DAYS = [("mon", _("Mon")), ("tue", _("Tue")), ("wed", _("Wed")), ("thu", _("Thu")), ("fri", _("Fri")),
        ("sat", _("Sat")), ("sun", _("Sun"))]
PARTS = [("am", _("morning")), ("pm", _("afternoon")), ("eve", _("evening"))]


def slot_choices():
    return [(f"{day}-{part}", f"{day_label} {part_label}") for day, day_label in DAYS for part, part_label in PARTS]


class ProfileForm(forms.Form):
    travel_km = forms.IntegerField(label=_("How far I travel (km)"), min_value=0, max_value=300, initial=20)
    online_only = forms.BooleanField(label=_("Online only"), required=False)
    capacity = forms.IntegerField(label=_("How many things I take on at once"), min_value=1, max_value=10, initial=2)
    availability = forms.MultipleChoiceField(label=_("When I am free"), required=False, choices=slot_choices,
                                             widget=forms.CheckboxSelectMultiple)


class VolunteerDayForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.order_by("code"))
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    tasks = forms.CharField(
        label=_("Tasks"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One task per line: title, number of helpers, time of day (am, pm or eve), skills that help. "
                    "For example: 草刈り, 6, am, 農業"))

    def clean_tasks(self):
        tasks = []
        for n, line in enumerate(self.cleaned_data["tasks"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("、", ",").replace("，", ",").split(",")]
            if len(parts) < 2 or not parts[1].isdigit() or not 1 <= int(parts[1]) <= 200:
                raise forms.ValidationError(_("Line %(n)s: give a title and a number of helpers from 1 to 200."),
                                            params={"n": n})
            part = parts[2] if len(parts) > 2 and parts[2] in ("am", "pm", "eve") else "am"
            tasks.append({"title": parts[0][:200], "helpers": int(parts[1]), "part": part,
                          "skills": split_terms(",".join(parts[3:]))})
        if not tasks:
            raise forms.ValidationError(_("Give at least one task."))
        return tasks


class ConsultationForm(forms.Form):
    """相談 — a coordinator looks for someone to consult: skills, place or online, language, how many."""

    title = forms.CharField(label=_("What the consultation is about"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    skills_required = forms.CharField(label=_("Skills required"), required=False, max_length=300,
                                      help_text=_("Separate with commas, e.g. デザイン, 写真"))
    skills_preferred = forms.CharField(label=_("Skills preferred"), required=False, max_length=300)
    municipality = forms.ModelChoiceField(label=_("Municipality"), required=False,
                                          queryset=Municipality.objects.order_by("code"))
    online = forms.BooleanField(label=_("Online"), required=False)
    language = forms.ChoiceField(label=_("Language required"), required=False,
                                 choices=[("", "—"), ("ja", "日本語"), ("en", "English"), ("vi", "Tiếng Việt"),
                                          ("pt", "Português"), ("tl", "Tagalog"), ("zh", "中文"), ("es", "Español")])
    count = forms.IntegerField(label=_("How many people"), min_value=1, max_value=20, initial=1)

    def clean_skills_required(self):
        return split_terms(self.cleaned_data["skills_required"])

    def clean_skills_preferred(self):
        return split_terms(self.cleaned_data["skills_preferred"])

    def clean(self):
        data = super().clean()
        if not data.get("online") and not data.get("municipality"):
            self.add_error("municipality", _("Choose a municipality, or tick online."))
        return data
