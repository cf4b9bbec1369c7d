from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yukemuri.core.forms import TermsField
from yukemuri.ideas.forms import IdeaForm

from .models import Edge, Node


class DiagramForm(forms.Form):
    title = forms.CharField(label=_("Group or theme"), max_length=80, help_text=_("For example: テーブルA 空き家"))


class NodeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of box"), choices=Node.Kind.choices)
    label = forms.CharField(label=_("What it says"), max_length=60)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class EdgeForm(forms.Form):
    # Contexts: an arrow's ends, not the "From" (date) of the event filters.
    source = forms.TypedChoiceField(label=pgettext_lazy("diagram arrow", "From"), coerce=int)
    kind = forms.ChoiceField(label=_("Relation"), choices=Edge.Kind.choices)
    target = forms.TypedChoiceField(label=pgettext_lazy("diagram arrow", "To"), coerce=int)

    def __init__(self, *args, nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n.pk, f"{n.get_kind_display()}: {n.label}") for n in nodes]
        self.fields["source"].choices = self.fields["target"].choices = choices


class QuickIdeaForm(IdeaForm):
    """第3回 アイデア出し: title, one paragraph, the proposing municipality, a theme, the issues it answers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"] = forms.CharField(label=_("The idea in one paragraph"), max_length=2000,
                                              widget=forms.Textarea(attrs={"rows": 4}))
        self.fields["themes"] = TermsField(label=_("Theme"), help_text=_("For example: 空き家"))
        for name in ("sdgs", "organisation"):
            self.fields.pop(name, None)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        ids = list(data.get("issues") or []) + data["more_issues"]
        return {"title": data["title"], "body": data["body"], "place": data["place"],
                "theme_names": data["themes"], "issue_ids": list(dict.fromkeys(ids))}
