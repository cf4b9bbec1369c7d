"""What happens when a person comes back from a provider (called by adapter.py, after allauth verified the state,
exchanged the code with its PKCE verifier and read the ID token): sign in, link, or sign up."""

import hmac
import time

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import selectors, services

PENDING = "oidc_pending"  # the session key of a provider account met for the first time, waiting for sign-up
PENDING_SECONDS = 15 * 60
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _claims(extra_data: dict) -> dict | None:
    """The ID token's claims: allauth's OpenID Connect provider keeps them under "id_token"; LINE's verify
    endpoint answers them flat. None when the provider answered without an ID token."""
    id_token = extra_data.get("id_token")
    if isinstance(id_token, dict):
        return id_token
    return extra_data if "iss" in extra_data and "aud" in extra_data else None


def nonce_ok(sociallogin) -> bool:
    claims = _claims(sociallogin.account.extra_data or {})
    if claims is None:
        return False
    sent, returned = sociallogin.state.get("nonce") or "", claims.get("nonce") or ""
    return bool(sent) and hmac.compare_digest(str(sent), str(returned))


def failed(request, provider, error=None, status=400):
    return render(request, "oidc/failed.html", {"provider_name": getattr(provider, "name", "")}, status=status)


def arrived(request, sociallogin):
    provider = sociallogin.account.get_provider()
    if not nonce_ok(sociallogin):
        return failed(request, provider)
    key, name, subject = provider.sub_id, provider.name, str(sociallogin.account.uid)
    state = sociallogin.state or {}
    next_url = state.get("next") or ""  # checked by allauth (same site) when the sign-in started
    if state.get("process") == "connect":
        return _link(request, key, name, subject)
    person = selectors.person_of(provider=key, subject=subject)
    if person is not None:
        if not person.is_active:
            return failed(request, provider, status=403)
        services.signed_in_with(provider=key, subject=subject)
        login(request, person, backend=BACKEND)  # a different person signed in here before is signed out
        messages.success(request, _("Signed in with %(provider)s.") % {"provider": name})
        return redirect(next_url or "me")
    emails = sociallogin.email_addresses
    common = provider.extract_common_fields(sociallogin.account.extra_data or {})
    request.session[PENDING] = {
        "provider": key, "name": name, "subject": subject, "at": time.time(), "next": next_url,
        "email": emails[0].email if emails else "", "email_verified": bool(emails and emails[0].verified),
        "display_name": (common.get("name") or common.get("username") or "")[:50],
    }
    return redirect("oidc_signup")


def _link(request, key, name, subject):
    if not request.user.is_authenticated:
        messages.error(request, _("Sign in first, then link %(provider)s on your page.") % {"provider": name})
        return redirect("login")
    try:
        services.account_link(person=request.user, provider=key, subject=subject, provider_name=name)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(provider)s is linked: you can sign in with it from now on.") % {"provider": name})
    return redirect("linked_accounts")


def pending(request) -> dict | None:
    data = request.session.get(PENDING)
    if not isinstance(data, dict) or time.time() - data.get("at", 0) > PENDING_SECONDS:
        return None
    return data
