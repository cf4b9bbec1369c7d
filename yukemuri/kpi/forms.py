from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yukemuri.ideas.forms import IdeaFilterForm
from yukemuri.ideas.models import Status


class AccountabilityFilterForm(IdeaFilterForm):
    idea_status = forms.ChoiceField(label=_("Status"), required=False,
                                    choices=[("", _("All")), *Status.choices])

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if self.cleaned_data.get("idea_status"):
            queryset = queryset.filter(status=self.cleaned_data["idea_status"])
        return queryset


YEAR_HELP = _("The fiscal year (April–March) the value is for, e.g. 2023 for 令和5年度.")


class ValueForm(forms.Form):
    """A value entered by staff, with its source and optionally the file it was read from."""

    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2100, help_text=YEAR_HELP)
    split = forms.ChoiceField(label=_("Part"), required=False, choices=[("", _("Whole"))])
    # Free text: a value may be for a place that is no municipality (尾瀬, a river basin, a school district).
    area = forms.CharField(label=_("Area the value is for"), required=False, max_length=60,
                           help_text=_("A municipality, an area or any other place (e.g. 尾瀬); leave empty for "
                                       "the whole prefecture."))
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)
    source = forms.CharField(label=_("Source"), max_length=300,
                             help_text=_("Where the value comes from: the statistic, the survey or the report."))
    file = forms.FileField(label=_("File (CSV, PDF or XLSX, up to 5 MB)"), required=False)

    def __init__(self, *args, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        splits = sorted(({t.split for t in indicator.targets.all()} | {b.split for b in indicator.baselines.all()})
                        - {""}) if indicator else []
        if splits:
            self.fields["split"].choices = [(split, split) for split in splits]
            self.fields["split"].required = True
        else:
            del self.fields["split"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        from .services import MAX_FILE_BYTES, check_file

        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        data = upload.read()
        try:
            check_file(upload.name, data)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["file"]) from None
        return (upload.name[-200:], data)

    def service_kwargs(self) -> dict:
        data = {key: value for key, value in self.cleaned_data.items() if key != "file"}
        if self.cleaned_data.get("file"):
            data["file_name"], data["file_data"] = self.cleaned_data["file"]
        return data


class NoteForm(forms.Form):
    """The PDCA note of a year."""

    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2100, help_text=YEAR_HELP)
    assessment = forms.CharField(label=_("Assessment (Check)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    cause = forms.CharField(label=_("Cause"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_action = forms.CharField(label=_("Next action (Act)"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class TargetRevisionForm(forms.Form):
    """A target revised: its new value, the date and the reason."""

    target = forms.TypedChoiceField(label=_("Target"), coerce=int)
    value = forms.DecimalField(label=_("New value"), max_digits=20, decimal_places=4)
    revised_on = forms.DateField(label=_("Revised on"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {t.pk: t for t in indicator.targets.all() if t.value is not None} if indicator else {}
        self.fields["target"].choices = [
            (pk, f"{t.year} {t.split} {t.value.normalize():f}".replace("  ", " ")) for pk, t in self.targets.items()]

    def service_kwargs(self) -> dict:
        return {**self.cleaned_data, "target": self.targets[self.cleaned_data["target"]]}


class ParticipationForm(forms.Form):
    """Which fiscal year the participation table is for."""

    year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100, required=False,
                              help_text=_("April to March, e.g. 2023 for 令和5年度."))
