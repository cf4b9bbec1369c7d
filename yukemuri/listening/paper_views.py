"""Paper ballots (paper.py): print a conversation's numbered ballots on A4, and enter the returned ones one after
another with the keyboard alone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yukemuri.core.permissions import require
from yukemuri.core.qr import qr_svg
from yukemuri.core.views_helpers import submit_form

from . import paper
from .forms import BallotForm, BallotPrintForm
from .models import Conversation

DENIED = _("Only the conversation's organisers print and enter paper ballots.")


def _conversation(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    require(request.user, "listening.enter_ballots", conv, DENIED)
    return conv


@login_required
def ballot_print(request, pk):
    """The ballots to print: with `first` and `count`, one A4 page per number; else the form asking for them."""
    conv = _conversation(request, pk)
    form = BallotPrintForm(request.GET if "first" in request.GET else None)
    if not form.is_valid():
        return render(request, "listening/ballot_start.html", {
            "conversation": conv, "form": form if form.is_bound else BallotPrintForm(),
            "entered": paper.paper_count(conv)}, status=400 if form.is_bound else 200)
    first, count = form.cleaned_data["first"], form.cleaned_data["count"]
    online = request.build_absolute_uri(conv.get_absolute_url())
    return render(request, "listening/ballot_print.html", {
        "conversation": conv, "statements": paper.ballot_statements(conv), "numbers": range(first, first + count),
        "online": online, "qr": qr_svg(online, _("QR code of the online conversation"))})


@login_required
def ballots_enter(request, pk):
    """One returned ballot after another: the number, then a, d, p or nothing per statement."""
    conv = _conversation(request, pk)
    statements = paper.ballot_statements(conv)
    form = BallotForm(request.POST or None, statements=statements)

    def entered(result):
        participant, replaced = result
        if replaced:
            messages.warning(request, _("Ballot %(number)s had been entered before: its marks are replaced by these.")
                             % {"number": participant.ballot})
        return _("Ballot %(number)s is entered. Next ballot:") % {"number": participant.ballot}

    return submit_form(request, form, lambda number, marks: paper.ballot_enter(
                           conversation=conv, by=request.user, number=number, marks=marks),
                       success=entered, to=reverse("conversation_ballots", args=[conv.pk]),
                       page=lambda: render(request, "listening/ballots_enter.html", {
                           "conversation": conv, "form": form, "entered": paper.paper_count(conv)}))
