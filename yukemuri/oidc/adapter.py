"""allauth's social-account adapter: allauth runs the protocol, yukemuri decides what a sign-in means.

allauth sends the person to the provider (state and PKCE verifier kept in the session, a nonce added by
provider.py), takes them back at the callback, checks the state, exchanges the code with the PKCE verifier and
reads the ID token and user info. Right there — `pre_social_login`, before allauth would look for an e-mail
address or create anything — this adapter checks the nonce and hands over to `flow.arrived`, which signs the
person in, links the account, or asks them to sign up; allauth's own accounts and tables are never written.
"""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class Adapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        from . import flow

        raise ImmediateHttpResponse(flow.arrived(request, sociallogin))

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        from . import flow

        raise ImmediateHttpResponse(flow.failed(request, provider, error))

    def is_open_for_signup(self, request, sociallogin):
        return True
