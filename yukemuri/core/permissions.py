"""The one way to ask for a permission (docs/decisions/0011-permissions.md).

Every permission is a named django-rules perm declared in its app's `rules.py`. Services call
`require(person, "app.perm", obj, message)`; views the same `require` (or `permission_required`);
templates `{% load rules %}{% has_perm "app.perm" user obj as can %}`.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def allowed(person, perm: str, obj=None) -> bool:
    """Whether `person` (possibly None or anonymous) holds `perm`, on `obj` if given."""
    return bool(person is not None and person.has_perm(perm, obj))


def require(person, perm: str, obj=None, message=None) -> None:
    """Raise PermissionDenied(message) unless `person` holds `perm` (on `obj`)."""
    if not allowed(person, perm, obj):
        raise PermissionDenied(message or _("You are not allowed to do this."))


def permission_required(perm: str, get_obj=None, message=None):
    """A view decorator: `require(request.user, perm, get_obj(request, *args, **kwargs), message)`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = get_obj(request, *args, **kwargs) if get_obj else None
            require(request.user, perm, obj, message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
