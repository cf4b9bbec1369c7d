"""The notifications app's part of "download your data"."""

from .models import Notification


def notifications(person) -> list[dict]:
    return [{"created_at": n.created_at, "text": n.text, "url": n.url, "read_at": n.read_at, "emailed_at": n.emailed_at}
            for n in Notification.objects.filter(person=person).order_by("created_at", "id")]
