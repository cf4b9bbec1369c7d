from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import MultiLineField, OneLineField


class TranslationForm(forms.Form):
    """A translation of a post: its title (posts that have one) and its text."""

    title = OneLineField(label=_("Translated title"), max_length=200)
    body = MultiLineField(label=_("Translated text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 10}),
                          help_text=_("You can use Markdown: **bold**, lists with -, links."))

    def __init__(self, *args, has_title=True, language="", **kwargs):
        super().__init__(*args, **kwargs)
        if not has_title:
            del self.fields["title"]
        # The fields hold text in the target language, not the page's.
        for field in self.fields.values():
            field.widget.attrs["lang"] = language


class QueueForm(forms.Form):
    """The queue's language: ?lang= (one of the site's languages)."""

    lang = forms.ChoiceField(label=_("Translate into"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = settings.LANGUAGES
