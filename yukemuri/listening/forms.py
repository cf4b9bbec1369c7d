from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.notifications.forms import GuestForm
from yukemuri.regions.models import Area

from .models import DEMOGRAPHICS


class ConversationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    question = forms.CharField(label=_("Question"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    seeds = forms.CharField(label=_("Statements to start with"), widget=forms.Textarea(attrs={"rows": 6}),
                            help_text=_("One per line, short enough to agree or disagree with."))
    demographics = forms.MultipleChoiceField(
        label=_("Optional questions to participants"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(key, label) for key, (label, _choices) in DEMOGRAPHICS.items()])
    min_votes = forms.IntegerField(label=_("Votes needed to be on the map"), min_value=1, max_value=50, initial=7)
    collect_opinions = forms.BooleanField(label=_("Also collect free comments"), required=False)

    def clean_seeds(self):
        return [line for line in self.cleaned_data["seeds"].splitlines() if line.strip()]


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Your own statement"), max_length=280, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("A moderator reads it before others vote on it."))


class GuestStatementForm(GuestForm):
    """A statement by someone without an account: a name or pseudonym and an address that a link confirms."""

    text = StatementForm.base_fields["text"]
    field_order = ["text", "name", "email", "consent", "website"]

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        return {"text": data["text"], "guest_name": data["name"], "guest_email": data["email"]}


class AnswersForm(forms.Form):
    consent = forms.BooleanField(label=_("I agree that my answers are used, without my name, to show how groups of "
                                         "people voted."), required=True)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for key in questions:
            label, choices = DEMOGRAPHICS[key]
            if choices is None:
                choices = [(a.name, a.name) for a in Area.objects.order_by("sort_order", "id")]
            self.fields[key] = forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])
        self.order_fields([*questions, "consent"])


class ModerateForm(forms.Form):
    reason = forms.CharField(label=_("Reason (when rejecting)"), required=False, max_length=300)


class OpinionForm(forms.Form):
    text = forms.CharField(label=_("Anything else you want to say (free comment)"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or Excel file of public comments"),
                           help_text=_("CSV in UTF-8 (with or without BOM) or Shift_JIS, or an Excel workbook (.xlsx, "
                                       "first sheet), with a header row."))
    column = forms.CharField(label=_("Column with the comment text"), max_length=60, initial="意見")


class BallotPrintForm(forms.Form):
    """Which numbered ballots to print (one A4 page each)."""

    first = forms.IntegerField(label=_("First ballot number"), min_value=1, max_value=10**8, initial=1)
    count = forms.IntegerField(label=_("How many ballots"), min_value=1, max_value=200, initial=1)


class BallotForm(forms.Form):
    """One returned ballot: its number, then one short input per statement (a, d, p or blank), so that staff
    type a whole sheet with the keyboard alone."""

    number = forms.IntegerField(label=_("Ballot number"), min_value=1, max_value=10**9 - 1,
                                widget=forms.NumberInput(attrs={"autofocus": True, "inputmode": "numeric"}))

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        for position, statement in enumerate(self.statements, start=1):
            self.fields[f"s{statement.pk}"] = forms.CharField(
                label=f"{position}. {statement.text}", required=False, max_length=3,
                widget=forms.TextInput(attrs={"size": 2, "autocomplete": "off", "autocapitalize": "none",
                                              "spellcheck": "false", "class": "mark"}))

    def clean(self):
        from .paper import read_mark

        cleaned = super().clean()
        marks = {}
        for statement in self.statements:
            name = f"s{statement.pk}"
            try:
                marks[statement.pk] = read_mark(cleaned.get(name, ""))
            except ValueError:
                self.add_error(name, _("Type a, d or p, or leave it blank."))
        cleaned["marks"] = marks
        return cleaned

    def service_kwargs(self) -> dict:
        return {"number": self.cleaned_data["number"], "marks": self.cleaned_data["marks"]}


class ItemForm(forms.Form):
    """One item of the published table: 御意見の概要 and 御意見に対する考え方."""

    summary = forms.CharField(label=_("Summary of the comments (御意見の概要)"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    answer = forms.CharField(label=_("Our answer (御意見に対する考え方)"), max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))


class TableImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file of the table"),
                           help_text=_("As exported from this page: columns item, summary, count, answer and comments "
                                       "(comment numbers separated by spaces). It replaces every item."))
