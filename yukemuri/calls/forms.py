"""Forms of calls for proposals. A file with the wrong content or too large is refused here, on its field, and the
form shows again with everything typed (browsers never send a file twice: it must be chosen again)."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import OneLineField
from yukemuri.facilities.selectors import facility_list
from yukemuri.issues.selectors import issues_for_ids
from yukemuri.organisations.services import organisations_of

from .files import check_pdf
from .models import Call

TOKYO = ZoneInfo("Asia/Tokyo")


def _pdf(field: str, upload):
    if upload:
        try:
            check_pdf(upload, field)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict[field]) from None
    return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePdfField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CallFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All")), ("open", _("Open")), ("closed", _("Closed"))])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Call.Kind.choices])
    q = OneLineField(label=_("Search"), required=False, max_length=100)


class CallForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Call.Kind.choices)
    title = OneLineField(label=_("Title"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    issue = forms.IntegerField(label=_("Issue number (optional)"), required=False, min_value=1,
                               help_text=_("The regional issue this call is about, if any."))
    facility = forms.ModelChoiceField(label=_("Public facility (optional)"), required=False,
                                      queryset=facility_list())
    service = OneLineField(label=_("Public service (optional)"), required=False, max_length=200)
    questions = forms.CharField(label=_("Questions to answer"), max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 5}), help_text=_("One question a line."))
    eligibility = forms.CharField(label=_("Who may answer"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    deadline_date = forms.DateField(label=_("Deadline (day)"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline_time = forms.TimeField(label=_("Deadline (time, Japan)"), initial=time(17, 0),
                                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    @classmethod
    def initial_of(cls, call) -> dict:
        local = timezone.localtime(call.deadline, TOKYO)
        return {"kind": call.kind, "title": call.title, "purpose": call.purpose, "issue": call.issue_id,
                "facility": call.facility_id, "service": call.service, "questions": call.questions,
                "eligibility": call.eligibility, "deadline_date": local.date(), "deadline_time": local.time()}

    def clean_issue(self):
        number = self.cleaned_data.get("issue")
        if number is None:
            return None
        issue = next(iter(issues_for_ids([number])), None)
        if issue is None:
            raise ValidationError(_("There is no published issue with this number."))
        return issue

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        day, at = data.pop("deadline_date"), data.pop("deadline_time")
        data["deadline"] = datetime.combine(day, at, TOKYO)
        return data


class DocumentForm(forms.Form):
    title = OneLineField(label=_("Document title"), max_length=200)
    file = forms.FileField(label=_("PDF file (up to 10 MB)"),
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))

    def clean_file(self):
        return _pdf("file", self.cleaned_data.get("file"))


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Your question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class ProposalForm(forms.Form):
    """One answer (and a 'confidential' box) per question of the call, the organisation, PDF files."""

    organisation = forms.ModelChoiceField(label=_("Submitted for"), queryset=None,
                                          help_text=_("The company or organisation you belong to."))
    files = MultiplePdfField(label=_("PDF files (up to 10 MB each)"), required=False)
    files_confidential = forms.BooleanField(label=_("The new files are confidential"), required=False)

    def __init__(self, *args, call, person, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call, self.proposal = call, proposal
        self.fields["organisation"].queryset = organisations_of(person)
        if proposal is not None:
            del self.fields["organisation"]  # a proposal stays with the organisation it was submitted for
            self.fields["remove"] = forms.ModelMultipleChoiceField(
                label=_("Take these files off"), required=False, queryset=proposal.files.all(),
                widget=forms.CheckboxSelectMultiple)
            self.fields["remove"].label_from_instance = lambda attached: attached.original_name
        rows = proposal.rows() if proposal is not None else [(q, "", False) for q in call.question_list]
        for index, (question, text, confidential) in enumerate(rows):
            self.fields[f"answer_{index}"] = forms.CharField(label=question, required=False, max_length=8000,
                                                             initial=text, widget=forms.Textarea(attrs={"rows": 5}))
            self.fields[f"confidential_{index}"] = forms.BooleanField(
                label=_("This answer is confidential (left out of the public summary)"), required=False,
                initial=confidential)
        self.order_fields(["organisation", *[name for name in self.fields if name.startswith(("answer_", "confidential_"))],
                           "files", "files_confidential", "remove"])

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        for upload in uploads:
            _pdf("files", upload)
        return uploads

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        answers = [(data.get(f"answer_{i}", ""), data.get(f"confidential_{i}", False))
                   for i in range(len(self.call.question_list))]
        files = [(upload, data.get("files_confidential")) for upload in data.get("files") or []]
        kwargs = {"answers": answers, "files": files}
        if self.proposal is None:
            kwargs["organisation"] = data.get("organisation")
        else:
            kwargs["remove_files"] = list(data.get("remove") or [])
        return kwargs


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("Summary of what was proposed"), max_length=8000,
                              widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=_("Leave out every part the proposers marked confidential."))
    decision = forms.CharField(label=_("Decision"), required=False, max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 4}))
