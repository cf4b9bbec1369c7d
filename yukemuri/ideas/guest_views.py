"""Supporting and commenting on an idea without an account (ideas/guests.py). Forms without JavaScript that keep
what was typed; the same rate limits as for accounts (per client address)."""

from functools import partial

from django.shortcuts import render
from django.utils.translation import get_language

from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import submit_form
from yukemuri.notifications.guest_views import check_your_email

from . import guests
from .forms import GuestCommentForm, GuestSupportForm
from .views import _get_idea


def _sent(request, idea):
    return lambda _row: check_your_email(request, email=request.POST.get("email", ""), back=idea.get_absolute_url())


@limit("support", form=True)
def guest_support(request, pk):
    idea = _get_idea(request, pk)
    form = GuestSupportForm(request.POST or None)
    return submit_form(request, form, partial(guests.guest_support, idea=idea, language=get_language() or "ja"),
                       to=_sent(request, idea),
                       page=lambda: render(request, "ideas/guest.html", {"idea": idea, "form": form, "support": True}))


@limit("comment", form=True)
def guest_comment(request, pk):
    idea = _get_idea(request, pk)
    form = GuestCommentForm(request.POST or None)
    return submit_form(request, form, partial(guests.guest_comment, idea=idea, language=get_language() or "ja"),
                       to=_sent(request, idea),
                       page=lambda: render(request, "ideas/guest.html", {"idea": idea, "form": form}))
