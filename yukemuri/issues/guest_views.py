"""Supporting an issue without an account (issues/guests.py). A form without JavaScript that keeps what was typed;
the same rate limit as for accounts (per client address)."""

from functools import partial

from django.shortcuts import render
from django.utils.translation import get_language

from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import submit_form
from yukemuri.notifications.guest_views import check_your_email

from . import guests
from .forms import GuestSupportForm
from .views import _get_issue


@limit("support", form=True)
def guest_support(request, pk):
    issue = _get_issue(request, pk)
    form = GuestSupportForm(request.POST or None)
    return submit_form(
        request, form, partial(guests.guest_support, issue=issue, language=get_language() or "ja"),
        to=lambda _row: check_your_email(request, email=request.POST.get("email", ""), back=issue.get_absolute_url()),
        page=lambda: render(request, "issues/guest.html", {"issue": issue, "form": form}))
