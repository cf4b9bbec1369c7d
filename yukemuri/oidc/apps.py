from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OidcConfig(AppConfig):
    """外部サービスでログイン — signing in with OpenID Connect providers (LINE, a municipality's own provider)."""

    name = "yukemuri.oidc"
    label = "oidc"
    verbose_name = _("Sign-in providers")

    def ready(self):
        from yukemuri.core.personaldata import register_personal_data
        from yukemuri.people.views import LOGIN_PAGE_EXTRAS

        from . import personaldata, selectors

        register_personal_data("linked_accounts", personaldata.linked_accounts)
        LOGIN_PAGE_EXTRAS.append(lambda request: {"providers": selectors.providers(request)})
        _hide_allauth_admin()


def _hide_allauth_admin():
    """allauth's tables are never written here (docs/decisions/0028-openid-connect.md), and providers come from
    the environment only: its admin pages (social applications, accounts, tokens, e-mail addresses) would mislead."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
    from django.contrib import admin

    for model in (EmailAddress, SocialAccount, SocialApp, SocialToken):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
