import json
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.regions.models import AgeBand, Area, Municipality

from .models import Kind, Survey


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "title_en", "intro", "intro_en", "anonymous", "access"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3}), "intro_en": forms.Textarea(attrs={"rows": 3}),
                   "access": forms.RadioSelect}

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Kind.choices)
    text = forms.CharField(label=_("Question (Japanese)"), max_length=300)
    text_en = forms.CharField(label=_("Question (English, optional)"), max_length=300, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices = forms.CharField(
        label=_("Choices (one choice or several)"), required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. The English may follow a vertical bar: 毎日 | Every day"))
    min_value = forms.IntegerField(label=_("Smallest number (a number)"), required=False)
    max_value = forms.IntegerField(label=_("Largest number (a number)"), required=False)
    condition_question = forms.ModelChoiceField(label=_("Show only if the answer to"), queryset=None, required=False,
                                                empty_label=_("(always show)"))
    condition_values = forms.CharField(
        label=_("…is one of"), required=False, max_length=100,
        help_text=_("Answers separated by commas: 1–5, 0–10, or the choices' numbers (1 is the first choice)."))

    def __init__(self, *args, survey, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = survey.questions.exclude(kind__in=[Kind.TEXT, Kind.NUMBER])
        if question is not None:
            earlier = earlier.filter(position__lt=question.position)
        field = self.fields["condition_question"]
        field.queryset = earlier.order_by("position", "id")
        field.label_from_instance = lambda q: q.display_text

    def clean_choices(self):
        lines = [line for line in self.cleaned_data["choices"].splitlines() if line.strip()]
        if len(lines) > 30:
            raise forms.ValidationError(_("At most 30 choices."))
        return [[part.strip() for part in [*line.split("|", 1), ""][:2]] for line in lines]

    def clean_condition_values(self):
        return [value for value in re.split(r"[,、，\s]+", self.cleaned_data["condition_values"]) if value]

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_of(question) -> dict:
        return {"kind": question.kind, "text": question.text, "text_en": question.text_en,
                "required": question.required,
                "choices": "\n".join(f"{ja} | {en}" if en else ja for ja, en in question.choices),
                "min_value": question.min_value, "max_value": question.max_value,
                "condition_question": question.condition_question_id,
                "condition_values": ", ".join(question.condition_values)}


class InviteForm(forms.Form):
    areas = forms.ModelMultipleChoiceField(label=_("Areas"), queryset=Area.objects.order_by("sort_order", "id"),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities (besides the areas)"), queryset=Municipality.objects.order_by("code"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}))
    age_bands = forms.MultipleChoiceField(label=_("Age bands"), choices=AgeBand.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple, initial=AgeBand.values)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].label_from_instance = lambda area: area.display_name
        self.fields["municipalities"].label_from_instance = lambda m: m.display_name


class AnswerForm(forms.Form):
    """One field per question (q<pk>). Conditions are checked by the service on what was sent; in the page a
    conditional question carries its condition (`show_if`) for the small script that hides it until met."""

    def __init__(self, *args, questions, ask_cell: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        by_pk = {question.pk: question for question in self.questions}
        for question in self.questions:
            field = self._field(question)
            field.label = question.display_text
            # A required question shown on a condition cannot be required by the browser or the form: the
            # service asks for it only when its condition holds.
            field.required = question.required and question.condition_question_id is None
            if question.required and not field.required:
                field.help_text = _("Required when shown.")
            condition = by_pk.get(question.condition_question_id)
            field.show_if = None if condition is None else {
                "field": f"q{condition.pk}", "values_json": json.dumps(question.condition_values),
                "question": condition.display_text,
                "answers": " / ".join(label for value, label in condition.options()
                                      if value in question.condition_values)}
            self.fields[f"q{question.pk}"] = field
        if ask_cell:
            self.fields["area"] = forms.ModelChoiceField(
                label=_("Which area do you live in? (optional)"), required=False,
                queryset=Area.objects.order_by("sort_order", "id"), empty_label=_("I would rather not say"),
                help_text=_("Used only to weight the results to the population; never shown with your answers."))
            self.fields["area"].label_from_instance = lambda area: area.display_name
            self.fields["age_band"] = forms.ChoiceField(
                label=_("Your age band (optional)"), required=False,
                choices=[("", _("I would rather not say")), *AgeBand.choices])

    @staticmethod
    def _field(question):
        options = question.options()
        if question.kind in (Kind.LIKERT, Kind.SCALE, Kind.SINGLE):
            return forms.ChoiceField(choices=options, widget=forms.RadioSelect)
        if question.kind == Kind.MULTIPLE:
            return forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple)
        if question.kind == Kind.NUMBER:
            attrs = {"inputmode": "decimal", "step": "any"}
            if question.min_value is not None:
                attrs["min"] = question.min_value
            if question.max_value is not None:
                attrs["max"] = question.max_value
            return forms.CharField(max_length=30, widget=forms.NumberInput(attrs=attrs))
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"values": {q.pk: data.get(f"q{q.pk}") for q in self.questions},
                "area": data.get("area"), "age_band": data.get("age_band") or ""}

    def rows(self):
        """(bound field, its condition) in order, for the template."""
        return [(self[name], getattr(field, "show_if", None)) for name, field in self.fields.items()]

