"""Addresses of the sign-in providers.

`callback_patterns` stay outside the language prefixes: the address a provider sends people back to must be
registered with it once, exactly (`/accounts/oidc/<provider_id>/login/callback/`, `/accounts/line/login/callback/`).
Their URL names are allauth's, which it reverses itself.
"""

from allauth.socialaccount.providers.line import views as line_views
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.urls import path

from . import views

callback_patterns = [
    path("line/login/", views.provider_view(line_views.oauth2_login, callback=False), name="line_login"),
    path("line/login/callback/", views.provider_view(line_views.oauth2_callback, callback=True), name="line_callback"),
    path("oidc/<str:provider_id>/login/", views.provider_view(oidc_views.login, callback=False),
         name="openid_connect_login"),
    path("oidc/<str:provider_id>/login/callback/", views.provider_view(oidc_views.callback, callback=True),
         name="openid_connect_callback"),
]

account_patterns = [
    path("oidc/signup/", views.signup, name="oidc_signup"),
]

me_patterns = [
    path("", views.linked_accounts, name="linked_accounts"),
    path("<int:pk>/unlink/", views.unlink, name="oidc_unlink"),
]
