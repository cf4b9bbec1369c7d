"""The e-mail digest of notifications, sent by the task queue in the reader's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from yukemuri.people.models import User

from .models import Notification
from .selectors import due_for_digest
from .unsubscribe import unsubscribe_token

LISTED = 30  # notices written out in one e-mail; the rest are counted


@task()
def send_digest(person_id: int) -> int:
    """Send one e-mail with everything the person has not been e-mailed about yet; returns how many.
    Nothing is sent to people who turned the digest off: their notices wait on the site."""
    person = User.objects.filter(pk=person_id, is_active=True, email_digest=True).first()
    if person is None:
        return 0
    with transaction.atomic():
        items = list(due_for_digest(person).select_for_update())
        if not items:
            return 0
        site = settings.YUKEMURI["SITE_URL"].rstrip("/")
        with translation.override(person.preferred_language):
            subject = ngettext("yukemuri: %(count)d new notice", "yukemuri: %(count)d new notices",
                               len(items)) % {"count": len(items)}
            lines = [f"・{item.text}\n  {site}{item.url}" if item.url else f"・{item.text}" for item in items[-LISTED:]]
            if len(items) > LISTED:
                lines.append(_("… and %(count)d earlier notices on the site.") % {"count": len(items) - LISTED})
            stop = site + reverse("digest_unsubscribe", args=[unsubscribe_token(person)])
            body = "\n".join([_("Hello %(name)s,") % {"name": person.display_name}, "", *lines, "",
                              _("All your notices: %(link)s") % {"link": site + reverse("notifications")},
                              _("To stop these e-mails: %(link)s") % {"link": stop}])
        type(items[0]).objects.filter(pk__in=[i.pk for i in items]).update(emailed_at=timezone.now())
    # RFC 8058: mail programs may offer one-click unsubscribe, posting to the same address.
    headers = {"List-Unsubscribe": f"<{stop}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    EmailMessage(subject, body, None, [person.email], headers=headers).send()
    return len(items)


def send_due_digests() -> int:
    """Send every waiting digest now (the sweep for backends that cannot defer, and for cron)."""
    people = set(Notification.objects.filter(emailed_at__isnull=True, person__email_digest=True)
                 .values_list("person_id", flat=True))
    return sum(send_digest.call(pk) for pk in people)
