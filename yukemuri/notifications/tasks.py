"""The e-mail digest of notifications, sent by the task queue in the reader's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from yukemuri.people.models import User

from .models import Notification
from .selectors import due_for_digest


@task()
def send_digest(person_id: int) -> int:
    """Send one e-mail with everything the person has not been e-mailed about yet; returns how many."""
    person = User.objects.filter(pk=person_id, is_active=True).first()
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
            lines = [f"・{item.text}\n  {site}{item.url}" if item.url else f"・{item.text}" for item in items]
            body = "\n".join([_("Hello %(name)s,") % {"name": person.display_name}, "", *lines, "",
                              _("All your notices: %(link)s") % {"link": site + reverse("notifications")}])
        type(items[0]).objects.filter(pk__in=[i.pk for i in items]).update(emailed_at=timezone.now())
    send_mail(subject, body, None, [person.email])
    return len(items)


def send_due_digests() -> int:
    """Send every waiting digest now (the sweep for backends that cannot defer, and for cron)."""
    people = set(Notification.objects.filter(emailed_at__isnull=True).values_list("person_id", flat=True))
    return sum(send_digest.call(pk) for pk in people)
