"""The providers come from the environment; none set, none offered."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from yukemuri.settings import content_security_policy, oidc_form_targets, oidc_providers


def test_no_variable_no_provider(monkeypatch):
    for name in ("OIDC_LINE_CLIENT_ID", "OIDC_PROVIDERS"):
        monkeypatch.delenv(name, raising=False)
    assert oidc_providers() == {}
    assert "form-action 'self';" in content_security_policy(oidc_form_targets({}))


def test_line_and_a_municipalitys_provider(monkeypatch):
    monkeypatch.setenv("OIDC_LINE_CLIENT_ID", "1650000000")
    monkeypatch.setenv("OIDC_LINE_CLIENT_SECRET", "line-secret")
    monkeypatch.setenv("OIDC_PROVIDERS", "staff")
    monkeypatch.setenv("OIDC_STAFF_SERVER_URL", "https://login.microsoftonline.com/tenant/v2.0")
    monkeypatch.setenv("OIDC_STAFF_CLIENT_ID", "app-id")
    monkeypatch.setenv("OIDC_STAFF_CLIENT_SECRET", "app-secret")
    monkeypatch.setenv("OIDC_STAFF_NAME", "Maebashi staff")
    providers = oidc_providers()
    line = providers["line"]
    assert line["APPS"][0]["client_id"] == "1650000000" and line["OAUTH_PKCE_ENABLED"]
    assert "openid" in line["SCOPE"]  # an ID token, whose nonce is checked
    (staff,) = providers["openid_connect"]["APPS"]
    assert staff["provider_id"] == "staff" and staff["name"] == "Maebashi staff"
    assert staff["settings"] == {"server_url": "https://login.microsoftonline.com/tenant/v2.0", "oauth_pkce_enabled": True}
    assert oidc_form_targets(providers) == ["https://access.line.me", "https://login.microsoftonline.com"]


def test_a_provider_without_its_address_is_refused_at_start(monkeypatch):
    monkeypatch.delenv("OIDC_LINE_CLIENT_ID", raising=False)
    monkeypatch.setenv("OIDC_PROVIDERS", "staff")
    monkeypatch.delenv("OIDC_STAFF_SERVER_URL", raising=False)
    monkeypatch.setenv("OIDC_STAFF_CLIENT_ID", "app-id")
    with pytest.raises(ImproperlyConfigured, match="OIDC_STAFF_SERVER_URL"):
        oidc_providers()
