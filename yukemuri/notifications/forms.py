from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import HoneypotField, OneLineField

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


class GuestForm(forms.Form):
    """Who a guest is (ゲスト): a name or pseudonym and an address that a link confirms (notifications/guests.py).
    Apps add the fields of their action (a comment's text …) by subclassing."""

    name = OneLineField(label=_("Your name or a pseudonym"), max_length=80)
    email = forms.EmailField(label=_("E-mail address"),
                             help_text=_("We send you a link to confirm; nobody else sees your address."))
    consent = forms.BooleanField(label=_(
        "I agree that my name and e-mail address are kept for this, and that what I do here becomes my "
        "account's if I make one later with this address."))
    website = HoneypotField()

    def service_kwargs(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key not in ("consent", "website")}
