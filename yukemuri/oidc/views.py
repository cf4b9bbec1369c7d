from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from requests import RequestException

from yukemuri.core.ratelimits import Limited, limit, login_limit, over_budget
from yukemuri.core.views_helpers import attempt, submit_form
from yukemuri.people.selectors import email_taken

from . import flow, selectors, services
from .forms import ProviderSignupForm
from .models import LinkedAccount


def provider_view(view, *, callback: bool):
    """allauth's login or callback view of a provider, rate-limited like signing in, and answering a page rather
    than an error when the provider cannot be reached. The callback is a GET (the provider redirects the browser
    there), so each arrival counts against the login budget, not only POSTs."""
    def wrapped(request, *args, **kwargs):
        if callback and (wait := over_budget(request, "login")) is not None:
            raise Limited(wait)
        try:
            return view(request, *args, **kwargs)
        except RequestException:
            return flow.failed(request, None, status=502)
    wrapped.__name__ = view.__name__
    return wrapped if callback else login_limit(wrapped)


@limit("signup", form=True)
def signup(request):
    """After a provider's sign-in, for a provider account the site does not know: open an account, or — when the
    address is one of ours already — say how to link it (sign in with the password first; never linked on the
    provider's word about the address)."""
    pending = flow.pending(request)
    if pending is None:
        messages.info(request, _("Sign in again with your provider to continue."))
        return redirect("login")
    if request.user.is_authenticated:
        return redirect("linked_accounts")
    if request.method == "GET" and pending["email"] and email_taken(pending["email"]):
        return render(request, "oidc/link_existing.html", {"pending": pending})
    form = ProviderSignupForm(request.POST or None, initial={"email": pending["email"],
                                                              "display_name": pending["display_name"]})

    def register(**data):
        person = services.person_register_linked(
            provider=pending["provider"], subject=pending["subject"], email=data["email"],
            display_name=data["display_name"], preferred_language=data["preferred_language"],
            relation=data["relation"], home_municipality=data["home_municipality"], consents=form.consents())
        request.session.pop(flow.PENDING, None)
        login(request, person, backend=flow.BACKEND)
        return person

    def welcome(person):
        messages.success(request, _("Welcome to yukemuri, %(name)s!") % {"name": person.display_name})
        messages.info(request, _("We sent you an e-mail: open its link to confirm your address."))

    return submit_form(request, form, register, success=welcome,
                       to=lambda person: pending.get("next") or "me",
                       page=lambda: render(request, "oidc/signup.html", {"form": form, "pending": pending}))


@login_required
def linked_accounts(request):
    """/me/accounts/: the providers this site offers, which are linked, link and unlink."""
    links = {link.provider: link for link in selectors.links_of(request.user)}
    choices = selectors.providers(request)
    rows = [{"choice": choice, "link": links.pop(choice.key, None)} for choice in choices]
    # Accounts of providers no longer configured can still be unlinked.
    rows += [{"choice": None, "link": link} for link in links.values()]
    return render(request, "oidc/accounts.html", {
        "rows": rows, "has_password": request.user.has_usable_password()})


@require_POST
@login_required
@limit("steer")
def unlink(request, pk):
    link = get_object_or_404(LinkedAccount, pk=pk, person=request.user)
    name = selectors.provider_names(request).get(link.provider, link.provider)
    attempt(request, lambda: services.account_unlink(person=request.user, link=link, provider_name=name),
            success=_("%(provider)s is unlinked.") % {"provider": name})
    return redirect("linked_accounts")
