"""Channels (配信経路) that carry a digest of notices beyond the site.

The digest task (tasks.send_digest) claims a person's due notices and hands them to every channel named in
settings.NOTIFICATION_CHANNELS (dotted paths; default: the e-mail digest only). A channel raises when it
could not deliver: the claim is given back and the digest tried again.

Extension points, none called today (docs/decisions/0023-notification-choices.md):
- LINE: a `LineMessage` channel would push the same lines through the LINE Messaging API to people who
  linked LINE Login and agreed to messages; `accepts` answers False for everyone else.
- SMS: an `Sms` channel for people without e-mail, through a provider an operator contracts.
Each would record its own deliveries if run beside e-mail (a retry re-sends to every channel).
"""

from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yukemuri.people.selectors import may_email

from .mail import one_line
from .unsubscribe import unsubscribe_token

DEFAULT_CHANNELS = ["yukemuri.notifications.channels.EmailDigest"]
LISTED = 30  # notices written out in one e-mail; the rest are counted


class NoticeChannel(Protocol):
    name: str

    def accepts(self, person) -> bool:
        """Whether this person can be reached this way (an address confirmed, an account linked …)."""

    def send(self, person, notices) -> None:
        """Deliver the notices (oldest first) to the person, in their language; raise when it failed."""


def registered() -> list[NoticeChannel]:
    return [import_string(path)() for path in getattr(settings, "NOTIFICATION_CHANNELS", DEFAULT_CHANNELS)]


class EmailDigest:
    """One e-mail with the notices, with a one-click link that stops these e-mails (RFC 8058)."""

    name = "email"

    def accepts(self, person) -> bool:
        return bool(person.email_digest and may_email(person))  # an unconfirmed address gets nothing

    def send(self, person, notices) -> None:
        self.message(person, notices).send()

    @staticmethod
    def message(person, items) -> EmailMessage:
        site = settings.YUKEMURI["SITE_URL"].rstrip("/")
        with translation.override(person.preferred_language):
            subject = ngettext("yukemuri: %(count)d new notice", "yukemuri: %(count)d new notices",
                               len(items)) % {"count": len(items)}
            lines = [f"・{one_line(item.text)}\n  {site}{item.url}" if item.url else f"・{one_line(item.text)}"
                     for item in items[-LISTED:]]
            if len(items) > LISTED:
                lines.append(_("… and %(count)d earlier notices on the site.") % {"count": len(items) - LISTED})
            stop = site + reverse("digest_unsubscribe", args=[unsubscribe_token(person)])
            body = "\n".join([_("Hello %(name)s,") % {"name": person.display_name}, "", *lines, "",
                              _("All your notices: %(link)s") % {"link": site + reverse("notifications")},
                              _("Choose which notices reach you, and how: %(link)s")
                              % {"link": site + reverse("notification_settings")},
                              _("To stop these e-mails: %(link)s") % {"link": stop}])
        # RFC 8058: mail programs may offer one-click unsubscribe, posting to the same address.
        headers = {"List-Unsubscribe": f"<{stop}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return EmailMessage(subject, body, None, [person.email], headers=headers)
