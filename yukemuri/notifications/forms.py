from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import HoneypotField, OneLineField

from .choices import CHOOSABLE
from .models import Channel, NoticeKind

# What a choice means where the label alone does not say it (0023).
HELP_TEXTS = {
    NoticeKind.EVENTS: _("Changes of time or place, and cancellations, of events you registered for. An offer of "
                         "a seat from the waiting list always comes by e-mail."),
    NoticeKind.HELP_NEARBY: _("Off until you choose: new help requests in the municipality of your profile, or where "
                              "you signed up to help before; at most a few a day."),
    NoticeKind.SURVEYS: _("“Not at all”: you are not invited to surveys. Otherwise the invitation comes as one "
                          "e-mail of its own at once, unless you choose “on the site only”."),
}


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
                                                        widget=forms.RadioSelect,
                                                        help_text=HELP_TEXTS.get(kind, ""))

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
