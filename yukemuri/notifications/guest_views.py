"""The guest's confirming link (notifications/guests.py): GET shows a button, its POST confirms."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import guests


def guest_confirm(request, token):
    found = guests.read(token) if len(token) < 400 else None
    if found is None:
        raise Http404(_("This link is not valid any more. Do it again and we send you a new one."))
    kind, row = found
    if request.method == "POST":
        messages.success(request, guests.confirm(kind, row))
        return redirect(kind.describe(row).url)
    return render(request, "notifications/guest_confirm.html", {"described": kind.describe(row)})


def check_your_email(request, *, email: str, back: str, status: int = 200):
    """After a guest's form: the link is on its way (apps answer this page)."""
    return render(request, "notifications/guest_sent.html", {"email": email, "back": back}, status=status)
