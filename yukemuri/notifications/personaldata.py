"""The notifications app's part of "download your data"."""

from .models import NoticeChoice, Notification


def notifications(person) -> list[dict]:
    return [{"created_at": n.created_at, "kind": n.kind, "text": n.text, "url": n.url,
             "read_at": n.read_at, "emailed_at": n.emailed_at}
            for n in Notification.objects.filter(person=person).order_by("created_at", "id")]


def notice_choices(person) -> list[dict]:
    return [{"kind": c.kind, "channel": c.channel} for c in NoticeChoice.objects.filter(person=person).order_by("kind")]
