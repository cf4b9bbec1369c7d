from .models import Notification


def notifications_of(person):
    return Notification.objects.filter(person=person)


def unread_count(person) -> int:
    if not person.is_authenticated:
        return 0
    return Notification.objects.filter(person=person, read_at__isnull=True).count()


def due_for_digest(person):
    return Notification.objects.filter(person=person, emailed_at__isnull=True).order_by("created_at", "id")
