"""アクセシビリティ — the accessibility statement (/accessibility/) and the form to report a barrier.

A report goes to the site's staff as a notice (and their e-mail digest): the page, what happened and, if given, how
to answer. Anyone may report, signed in or not; the post rate limit and a honeypot keep it from being abused.
"""

from django import forms
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from yukemuri.core.forms import HoneypotField
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import submit_form
from yukemuri.notifications.services import notify
from yukemuri.people.selectors import site_staff

REPORTED = gettext_noop("A barrier was reported on %(page)s: “%(text)s” Reply to: %(contact)s")


class BarrierForm(forms.Form):
    page = forms.CharField(label=_("Which page (its address or name)"), max_length=300, required=False)
    text = forms.CharField(label=_("What stopped you, and what you were trying to do"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 5}))
    contact = forms.CharField(label=_("How we can answer you (optional: e-mail or phone)"), max_length=200,
                              required=False)
    website = HoneypotField()


def report_barrier(*, page: str, text: str, contact: str, **honeypot) -> int:
    """Tell every staff member (a notice each, in their language): how many were told."""
    with transaction.atomic():
        return notify(list(site_staff()), message=REPORTED, url="/accessibility/",
                      params={"page": page.strip()[:300] or "—", "text": text.strip()[:2000],
                              "contact": contact.strip()[:200] or "—"})


@limit("post", form=True)
def statement(request):
    form = BarrierForm(request.POST or None)
    return submit_form(request, form, report_barrier,
                       success=_("Thank you. Your report reached the site's staff."),
                       to=lambda _told: redirect("accessibility"),
                       page=lambda: render(request, "site/accessibility.html", {"form": form}))
