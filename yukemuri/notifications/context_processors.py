from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread(request):
    """How many notices the person has not read; counted only on pages that show it."""
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(request.user))}
