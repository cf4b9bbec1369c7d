"""The sign-in providers' part of "download your data": which accounts are linked, since when."""

from .models import LinkedAccount


def linked_accounts(person) -> list[dict]:
    return [{"provider": link.provider, "subject": link.subject, "linked_at": link.linked_at,
             "last_used_at": link.last_used_at}
            for link in LinkedAccount.objects.filter(person=person).order_by("linked_at", "id")]
