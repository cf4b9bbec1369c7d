"""My data (/me/data/): download a copy, see who accessed it, choose which organisations may receive it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import attempt, submit_form

from . import selectors, services
from .forms import RecipientConsentForm


def _page(request, status=200, consent_form=None):
    return render(request, "privacy/my_data.html", {
        "exports": list(selectors.exports_of(request.user)[:10]),
        "accesses": list(selectors.accesses_to(request.user)),
        "recipient_consents": list(selectors.recipient_consents_of(request.user)),
        "consent_form": consent_form or RecipientConsentForm(),
    }, status=status)


@login_required
def my_data(request):
    return _page(request)


@login_required
@require_POST
@limit("support")
def export_request(request):
    attempt(request, lambda: services.export_request(person=request.user),
            _("Your data is being prepared. You will get a notice and an e-mail with the link when it is ready."))
    return redirect("my_data")


@login_required
def export_download(request, pk):
    """The ZIP, to its own person only (anyone else's, or an expired one, is not found)."""
    export = selectors.export_for_download(request.user, pk)
    if export is None or not export.is_downloadable:
        raise Http404(_("This download does not exist or has expired."))
    response = HttpResponse(bytes(export.content), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="yukemuri-my-data-{export.pk}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@limit("support", form=True)
def recipient_consent(request):
    form = RecipientConsentForm(request.POST)

    def change(*, organisation, purpose, decision):
        if decision == RecipientConsentForm.WITHDRAW:
            if not services.recipient_consent_withdraw(person=request.user, organisation=organisation,
                                                       purpose=purpose):
                messages.info(request, _("There was no agreement to withdraw."))
            return _("Your agreement is withdrawn.")
        services.recipient_consent_grant(person=request.user, organisation=organisation, purpose=purpose)
        return _("Your agreement is recorded.")

    return submit_form(request, form, change, success=lambda said: said, to="my_data",
                       page=lambda: _page(request, consent_form=form))
