"""The providers allauth runs for us, each sending a nonce.

allauth's generic OpenID Connect and LINE providers verify the state and do PKCE, but send no nonce. These
subclasses add one to the authorisation request and keep it in allauth's state (in the session); the adapter
compares it with the ID token's `nonce` claim on the way back (adapter.py). The ids stay allauth's
("openid_connect", "line"), so allauth's views and URL names work unchanged. allauth reads `provider_classes`
of every installed app's `provider` module; its own openid_connect and line apps are not installed.
"""

import secrets

from allauth.socialaccount.providers.line.provider import LineProvider
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider


class NonceMixin:
    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(24)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        kwargs["auth_params"] = {**auth_params, "nonce": nonce}
        return super().redirect(request, process, next_url, data, nonce=nonce, **kwargs)


class NonceOpenIDConnectProvider(NonceMixin, OpenIDConnectProvider):
    pass


class NonceLineProvider(NonceMixin, LineProvider):
    pass


provider_classes = [NonceLineProvider, NonceOpenIDConnectProvider]
