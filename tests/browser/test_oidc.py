"""Signing in through an OpenID provider (issue 19): the real provider of tests/oidc_provider runs in a second
process, and Chromium fills its own login form. A new person signs up through it; a person with a password links
it on /me/accounts/, signs out, signs in through the provider and lands in the same account."""

import re

import pytest
from playwright.sync_api import expect

from tests.oidc_provider.fixture import PERSON, start_provider
from yukemuri.oidc.models import LinkedAccount
from yukemuri.people.models import User
from yukemuri.people.tests.factories import PASSWORD, PersonFactory
from yukemuri.settings import content_security_policy

from .helpers import PHONE, expect_signed_in, log_out, ui

TARO = {"username": "taro", "password": "provider-pass-5512", "email": "taro@example.org", "first_name": "Taro"}


@pytest.fixture
def op(live_server, settings, tmp_path):
    provider = start_provider(tmp_path / "op", [f"{live_server.url}/accounts/oidc/local/login/callback/"],
                              people=[PERSON, TARO])
    settings.SOCIALACCOUNT_PROVIDERS = provider.settings()
    settings.CONTENT_SECURITY_POLICY = content_security_policy([provider.url])
    yield provider
    provider.stop()


def at_the_provider(p, person):
    """Chromium is on the provider's own login form: fill it in and come back."""
    expect(p.get_by_role("heading", name="Test provider")).to_be_visible()
    p.fill("#id_username", person["username"])
    p.fill("#id_password", person["password"])
    p.get_by_role("button", name="Sign in to the test provider").click()


@pytest.mark.browser
def test_a_new_person_signs_up_through_the_provider(page, op, axe_check):
    p = page(viewport=PHONE)
    p.goto("/accounts/login/")
    axe_check(p)
    p.get_by_role("button", name=ui("Sign in with %(name)s", name="Test provider")).click()
    at_the_provider(p, PERSON)
    expect(p).to_have_url(re.compile(r"/accounts/oidc/signup/$"))
    expect(p.locator("#id_email")).to_have_value(PERSON["email"])  # from the provider's claims
    axe_check(p)
    p.check("#id_consent_terms")
    p.locator("main form").get_by_role("button", name=ui("Create my account")).click()
    expect_signed_in(p)
    person = User.objects.get(email=PERSON["email"])
    assert LinkedAccount.objects.filter(person=person, provider="local").exists()
    assert not person.has_usable_password()
    p.goto("/me/accounts/")
    expect(p.get_by_role("heading", name="Test provider")).to_be_visible()
    axe_check(p)
    # The only way in: unlinking it is refused, with a message that says why.
    p.get_by_role("button", name=ui("Unlink")).click()
    expect(p.locator("ul.messages")).to_contain_text(
        ui("You cannot unlink %(provider)s: it is your only way to sign in. Link another provider first.",
           provider="Test provider"))
    assert LinkedAccount.objects.filter(person=person).exists()


@pytest.mark.browser
def test_a_person_links_the_provider_and_signs_in_with_it_to_the_same_account(page, op, axe_check):
    person = PersonFactory(email="taro.yamada@example.jp")
    p = page()
    p.goto("/accounts/login/")
    p.fill("#id_username", person.email)
    p.fill("#id_password", PASSWORD)
    p.locator("main form").get_by_role("button", name=ui("Log in"), exact=True).click()
    expect_signed_in(p)
    p.goto("/me/")
    p.get_by_role("link", name=ui("Sign-in providers")).click()
    expect(p).to_have_url(re.compile(r"/me/accounts/$"))
    p.get_by_role("button", name=ui("Link %(name)s", name="Test provider")).click()
    at_the_provider(p, TARO)
    expect(p).to_have_url(re.compile(r"/me/accounts/$"))
    linked = ui("%(provider)s is linked: you can sign in with it from now on.", provider="Test provider")
    expect(p.locator("main")).to_contain_text(linked)
    axe_check(p)
    link = LinkedAccount.objects.get(person=person)
    log_out(p)
    p.goto("/accounts/login/")
    p.get_by_role("button", name=ui("Sign in with %(name)s", name="Test provider")).click()
    # Still signed in at the provider: it sends the browser straight back, signed in here.
    expect_signed_in(p)
    p.goto("/me/")
    expect(p.locator("main")).to_contain_text(person.email)
    link.refresh_from_db()
    assert link.last_used_at is not None
