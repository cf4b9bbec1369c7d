from django import forms
from django.utils.translation import gettext_lazy as _

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
