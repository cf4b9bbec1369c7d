"""Form pieces shared by the apps: one-line and multi-line text, honeypot, themes as text, evidence lines.

Core imports no domain app (docs/decisions/0010-layers.md): the SDG checkboxes are topics.forms.SDGField, the
fields every post has are issues.postforms.PostForm."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from yukemuri.core.text import strip_bidi


def split_terms(text: str) -> list[str]:
    """Themes and skills are typed as a list separated by commas (、 and ， count too)."""
    for sep in ("、", "，", "\n"):
        text = (text or "").replace(sep, ",")
    return [term.strip() for term in text.split(",") if term.strip()][:12]


# Line breaks (CR, LF and their Unicode kin): in a one-line value they break e-mail headers (Django refuses a
# subject with one) and calendar lines, and no title or name needs them.
_LINE_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*")


def one_line(text):
    """`text` with each run of line breaks made one space; anything that is not a str is returned as it is."""
    if not isinstance(text, str):
        return text
    return _LINE_BREAKS.sub(" ", text).strip()


class OneLineField(forms.CharField):
    """Text people type for others to read (names, titles): stored without Unicode bidi controls, and on
    one line (line breaks pasted or posted into it become spaces)."""

    keep_line_breaks = False

    def to_python(self, value):
        value = strip_bidi(super().to_python(value))
        return value if self.keep_line_breaks else one_line(value)


class MultiLineField(OneLineField):
    """OneLineField in a textarea (descriptions, statements): line breaks stay."""

    widget = forms.Textarea
    keep_line_breaks = True


class HoneypotField(forms.CharField):
    """An input people never see (core/_form_fields.html hides it): bots that fill every input give
    themselves away. Name it something tempting, such as `website`."""

    honeypot = True

    def __init__(self, **kwargs):
        super().__init__(required=False, label=_("Leave this empty"),
                         widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}), **kwargs)

    def clean(self, value):
        if value:
            raise ValidationError(_("Leave this empty"), code="honeypot")
        return ""


class TermsField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 400)
        super().__init__(**kwargs)

    def clean(self, value):
        terms = split_terms(super().clean(value))
        if any(len(t) > 60 for t in terms):
            raise ValidationError(_("Each entry can be at most 60 characters long."))
        return terms


def parse_evidence(text: str) -> list[tuple[str, str]]:
    """One link per line: the address, then optionally what it shows."""
    links, validate = [], URLValidator(schemes=["http", "https"])
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        url, _sep, title = line.partition(" ")
        try:
            validate(url)
        except ValidationError:
            raise ValidationError(
                _("Line %(line)s does not start with a web address (https://…)."), params={"line": number}
            ) from None
        links.append((url, title.strip()[:200]))
    return links[:10]


class LanguageField(forms.ChoiceField):
    """The language a text is written in (書かれた言語): one of the site's languages, the writer's current one
    at first; its author may change it (the translations of the post are into the other languages)."""

    def __init__(self, **kwargs):
        from django.conf import settings

        from .models import written_language

        kwargs.setdefault("required", False)  # left out (an older form, a script): the writer's site language
        kwargs.setdefault("label", _("Written in"))
        kwargs.setdefault("help_text", _("The language you write in. Volunteers may translate it into the others."))
        super().__init__(choices=settings.LANGUAGES, initial=written_language, **kwargs)
