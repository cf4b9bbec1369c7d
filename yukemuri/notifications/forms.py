from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CHOOSABLE
from .models import Channel


class NoticeChoicesForm(forms.Form):
    """The e-mail switch (people.User.email_digest, also turned off by the link in every digest) and, per
    kind of notice, how it reaches the person."""

    email_digest = forms.BooleanField(
        label=_("Send me e-mails about notices"), required=False,
        help_text=_("Off: no e-mail at all, whatever is chosen below; the notices stay on the site."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in CHOOSABLE:
            self.fields[kind.value] = forms.ChoiceField(label=kind.label, choices=Channel.choices,
                                                        widget=forms.RadioSelect)

    def choices(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind.value] for kind in CHOOSABLE}
