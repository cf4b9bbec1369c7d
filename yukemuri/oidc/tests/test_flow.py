"""The whole authorisation-code flow with PKCE against a real OpenID provider (tests/oidc_provider) running in a
second process: the site is driven by Django's test client, the provider over HTTP; no token is mocked."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from allauth.socialaccount.models import SocialAccount, SocialToken
from django.core import mail
from django.utils import translation

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.core.personaldata import collect_personal_data
from yukemuri.oidc.models import LinkedAccount
from yukemuri.oidc.services import LINKED_ELSEWHERE
from yukemuri.people.models import User
from yukemuri.people.tests.factories import PASSWORD, PersonFactory

from .flows import START, at_provider, back, sign_in, start

pytestmark = pytest.mark.django_db


def signup_data(**over):
    return {"email": "hanako@example.org", "display_name": "Hanako", "relation": "resident",
            "preferred_language": "en", "consent_terms": "on", **over}


def test_the_authorisation_request_carries_state_nonce_and_a_pkce_challenge(client, configured):
    query = parse_qs(urlparse(start(client)).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert "openid" in query["scope"][0].split()


def test_a_new_person_signs_up_through_the_provider_and_is_linked(client, configured, django_capture_on_commit_callbacks):
    response = sign_in(client, configured)
    assert response.status_code == 302 and response["Location"].endswith("/accounts/oidc/signup/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'value="hanako@example.org"' in page.text  # the provider's claims fill the form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/oidc/signup/", signup_data())
    assert response.status_code == 302
    person = User.objects.get(email="hanako@example.org")
    assert not person.has_usable_password()
    assert not person.email_verified  # confirmed by our own link, as at any sign-up
    assert any("confirm" in message.subject for message in mail.outbox)
    link = LinkedAccount.objects.get(person=person)
    assert link.provider == "local" and link.subject  # the provider's `sub`
    assert client.get("/en/me/").context["user"] == person
    assert Action.objects.filter(verb=verbs.ACCOUNT_LINKED, concerns_id=person.pk).exists()
    # allauth's own tables stay empty: no social account, no token.
    assert not SocialAccount.objects.exists() and not SocialToken.objects.exists()


def test_signing_in_again_lands_in_the_same_account(client, configured):
    person = PersonFactory()
    subject = _link_by_connect(client, configured, person)
    other = client.__class__()
    response = sign_in(other, configured, next_url="/en/ideas/")
    assert response.status_code == 302 and response["Location"] == "/en/ideas/"
    assert other.get("/en/me/").context["user"] == person
    assert LinkedAccount.objects.get(subject=subject).last_used_at is not None


def _link_by_connect(client, op, person):
    client.force_login(person)
    response = sign_in(client, op, process="connect", next_url="/en/me/accounts/")
    assert response.status_code == 302 and response["Location"].endswith("/me/accounts/")
    link = LinkedAccount.objects.get(person=person)
    client.logout()
    return link.subject


def test_an_address_known_here_is_not_linked_on_the_providers_word(client, configured):
    person = PersonFactory(email="hanako@example.org")
    response = sign_in(client, configured)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "/accounts/login/?next=" in page.text  # log in with the password first, then link
    assert not LinkedAccount.objects.exists()
    assert "_auth_user_id" not in client.session
    # Typing the address into the form does not link it either.
    response = client.post("/en/accounts/oidc/signup/", signup_data())
    assert response.status_code == 400 and not LinkedAccount.objects.exists()
    assert User.objects.filter(email__iexact="hanako@example.org").count() == 1
    assert person.pk == User.objects.get(email__iexact="hanako@example.org").pk


def test_a_linked_account_of_someone_else_cannot_be_linked_again(client, configured):
    first, second = PersonFactory(), PersonFactory()
    _link_by_connect(client, configured, first)
    client.force_login(second)
    response = sign_in(client, configured, process="connect")
    assert response.status_code == 302
    assert not LinkedAccount.objects.filter(person=second).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    with translation.override("ja"):
        elsewhere = str(LINKED_ELSEWHERE % {"provider": "Test provider"})  # the name tests/oidc_provider gives
    assert elsewhere in messages


def test_unlinking_the_last_way_to_sign_in_is_refused(client, configured):
    sign_in(client, configured)
    client.post("/en/accounts/oidc/signup/", signup_data())
    person = User.objects.get(email="hanako@example.org")
    link = LinkedAccount.objects.get(person=person)
    response = client.post(f"/en/me/accounts/{link.pk}/unlink/", follow=True)
    assert LinkedAccount.objects.filter(pk=link.pk).exists()
    assert "only way to sign in" in response.text
    assert not Action.objects.filter(verb=verbs.ACCOUNT_UNLINKED).exists()


def test_unlinking_with_a_password_left_is_recorded(client, configured):
    person = PersonFactory()
    _link_by_connect(client, configured, person)
    client.force_login(person)
    link = LinkedAccount.objects.get(person=person)
    response = client.post(f"/en/me/accounts/{link.pk}/unlink/")
    assert response.status_code == 302
    assert not LinkedAccount.objects.filter(pk=link.pk).exists()
    assert Action.objects.filter(verb=verbs.ACCOUNT_UNLINKED, concerns_id=person.pk, data__provider="local").exists()
    # Someone else's link is not theirs to unlink.
    other = PersonFactory()
    theirs = LinkedAccount.objects.create(person=other, provider="local", subject="x")
    assert client.post(f"/en/me/accounts/{theirs.pk}/unlink/").status_code == 404
    assert LinkedAccount.objects.filter(pk=theirs.pk).exists()


def test_a_tampered_state_signs_nobody_in(client, configured):
    callback = at_provider(configured, start(client))
    response = back(client, callback.replace("state=", "state=x"))
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session and "oidc_pending" not in client.session


def test_a_nonce_that_differs_signs_nobody_in(client, configured):
    callback = at_provider(configured, start(client))
    session = client.session
    for state in session["socialaccount_states"].values():
        state[0]["nonce"] = "not-the-one-sent"
    session.save()
    response = back(client, callback)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session and "oidc_pending" not in client.session


def test_the_provider_refuses_the_code_without_the_pkce_verifier(client, configured):
    callback = at_provider(configured, start(client))
    code = parse_qs(urlparse(callback).query)["code"][0]
    response = requests.post(f"{configured.server_url}/token", data={
        "grant_type": "authorization_code", "code": code, "client_id": configured.client_id,
        "client_secret": configured.client_secret,
        "redirect_uri": "http://testserver/accounts/oidc/local/login/callback/"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_the_callback_is_rate_limited_like_signing_in(client, configured, settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_LOGIN": "2/h"}  # an hour: a run under load never straddles the window
    statuses = [client.get("/accounts/oidc/local/login/callback/?code=x&state=y").status_code for _ in range(3)]
    assert statuses[-1] == 429


def test_linked_accounts_are_in_the_download_of_my_data(client, configured):
    person = PersonFactory()
    subject = _link_by_connect(client, configured, person)
    rows = collect_personal_data(person)["linked_accounts"]
    assert rows == [{"provider": "local", "subject": subject, "linked_at": rows[0]["linked_at"],
                     "last_used_at": rows[0]["last_used_at"]}]


def test_the_sign_in_page_offers_the_provider(client, configured):
    page = client.get("/en/accounts/login/?next=/en/ideas/")
    assert f'action="{START}"' in page.text and "Sign in with Test provider" in page.text
    assert 'name="next" value="/en/ideas/"' in page.text


def test_a_provider_that_cannot_be_reached_is_a_page_not_an_error(client, settings, op):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{
        "provider_id": "local", "name": "Down", "client_id": "c", "secret": "s",
        "settings": {"server_url": "http://127.0.0.1:9/openid"}}]}}
    response = client.post(START, {"process": "login"})
    assert response.status_code == 502


def test_with_no_provider_configured_the_site_is_as_before(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = client.get("/en/accounts/login/")
    assert page.status_code == 200 and "Or sign in with" not in page.text
    assert client.post(START, {"process": "login"}).status_code == 404
    assert client.get("/en/accounts/oidc/signup/").status_code == 302
    client.force_login(PersonFactory(password=PASSWORD))
    assert "offers no sign-in provider" in client.get("/en/me/accounts/").text


def test_a_person_without_a_password_can_still_delete_the_account(client):
    person = PersonFactory()
    person.set_unusable_password()
    person.save()
    LinkedAccount.objects.create(person=person, provider="local", subject="s1")
    client.force_login(person)
    response = client.post("/en/me/delete/", {"password": "someone@else.example"})
    assert response.status_code == 200 and User.objects.filter(pk=person.pk).exists()
    response = client.post("/en/me/delete/", {"password": person.email.upper()})
    assert response.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists() and not LinkedAccount.objects.exists()


def test_a_get_of_the_start_only_shows_a_button_and_my_accounts_need_signing_in(client, configured):
    page = client.get(START)
    assert page.status_code == 200 and 'method="post"' in page.text
    assert "socialaccount_states" not in client.session  # nothing started, nothing kept
    response = client.get("/en/me/accounts/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/en/me/accounts/1/unlink/").status_code == 302
