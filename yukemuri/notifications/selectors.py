from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models import Notification


def notifications_of(person):
    return Notification.objects.filter(person=person)


def unread_badge(_arg, count) -> str:
    """The count beside "Menu" and "Notices" in the header (nothing when all is read)."""
    if not count:
        return ""
    return format_html(' <span class="count">{}<span class="visually-hidden"> {}</span></span>', count, _("unread"))


def unread_count(person) -> int:
    if not person.is_authenticated:
        return 0
    return Notification.objects.filter(person=person, read_at__isnull=True).count()


def due_for_digest(person, now):
    """The notices a digest sent at `now` carries (not those kept for a later daily or weekly digest)."""
    return (Notification.objects.filter(person=person, emailed_at__isnull=True, email_after__lte=now)
            .order_by("created_at", "id"))
