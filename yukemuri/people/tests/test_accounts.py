"""Accounts: failed logins limited per account, the client address behind a proxy, e-mail addresses confirmed
before we mail them, and two sign-ups with one address at the same moment (issue 12, items 13, 16, 20)."""

import os
import re
import subprocess
import sys
import threading

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from yukemuri.events.tasks import _address
from yukemuri.moderation.tasks import notify_author_of_action
from yukemuri.notifications.services import notify
from yukemuri.notifications.tasks import send_digest
from yukemuri.people import selectors, services
from yukemuri.people.models import ConsentPurpose, User
from yukemuri.people.tests.factories import PASSWORD, PersonFactory
from yukemuri.people.verification import verification_token

SIGNUP = {
    "email": "hanako@example.jp", "display_name": "花子", "password1": PASSWORD, "password2": PASSWORD,
    "relation": "resident", "preferred_language": "ja", "consent_terms": "on",
}
EMAIL_TAKEN_JA = "このメールアドレスのアカウントはすでにあります。"


def _login(address, username, password):
    with translation.override("en"):
        path = reverse("login")
    return Client(REMOTE_ADDR=address).post(path, {"username": username, "password": password})


# Item 13 — failed logins per account, and the client address behind a proxy.

def test_300_wrong_passwords_from_30_addresses_lock_the_account_not_just_the_addresses(db, person):
    for n in range(30):
        for _ in range(10):
            _login(f"198.51.100.{n}", person.email, "wrong-password")
    response = _login("203.0.113.200", person.email, PASSWORD)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Try again in" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    # Another account is not affected.
    other = PersonFactory()
    assert _login("203.0.113.201", other.email, PASSWORD).status_code == 302


def test_the_account_limit_reads_the_address_as_it_is_stored(db, person, settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_LOGIN_ACCOUNT": "3/h"}
    for n, typed in enumerate([person.email.upper(), f"  {person.email} ", person.email.title()]):
        assert _login(f"198.51.100.{n}", typed, "wrong").status_code == 200
    assert _login("198.51.100.9", person.email, PASSWORD).status_code == 429


def test_a_right_password_within_the_budget_still_logs_in(db, person):
    for n in range(3):
        _login(f"198.51.100.{n}", person.email, "wrong")
    assert _login("198.51.100.50", person.email, PASSWORD).status_code == 302


def test_a_workshop_room_behind_one_address_logs_in_together(db):
    """Twenty-five people on the venue's Wi-Fi sign in within a minute: none of them is refused."""
    people = PersonFactory.create_batch(25)
    assert [_login("203.0.113.7", p.email, PASSWORD).status_code for p in people] == [302] * 25


def test_rate_limit_client_address_key_is_read_from_the_environment():
    code = "import django; django.setup(); from django.conf import settings; print(settings.RATELIMIT_IP_META_KEY)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yukemuri.settings_test", "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "HTTP_X_REAL_IP"
    env.pop("RATELIMIT_IP_META_KEY")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None"


def test_behind_a_proxy_clients_have_their_own_budgets(db, person, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    # Per hour: the limits count in fixed windows, and a minute's could roll over between the posts under load.
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_LOGIN": "2/h", "RATE_LOGIN_ACCOUNT": "100/h"}
    proxy = "10.0.0.1"
    for _ in range(2):
        Client(REMOTE_ADDR=proxy, HTTP_X_REAL_IP="198.51.100.1").post(
            reverse("login"), {"username": person.email, "password": "wrong"})
    assert Client(REMOTE_ADDR=proxy, HTTP_X_REAL_IP="198.51.100.1").post(
        reverse("login"), {"username": person.email, "password": PASSWORD}).status_code == 429
    assert Client(REMOTE_ADDR=proxy, HTTP_X_REAL_IP="198.51.100.2").post(
        reverse("login"), {"username": person.email, "password": PASSWORD}).status_code == 302


# Item 16 — confirm the address before any other e-mail.

def _link(message) -> str:
    return re.search(r"https?://\S+/verify/\S+/", message.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_sign_up_sends_a_confirmation_link_and_nothing_else_until_it_is_opened(client, gunma,
                                                                                django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("signup"), SIGNUP).status_code == 302
    person = User.objects.get(email="hanako@example.jp")
    assert not person.email_verified and not selectors.may_email(person)
    [message] = mail.outbox
    assert message.to == ["hanako@example.jp"]
    path = _path(_link(message))

    # Notices wait on the site: no digest to an unconfirmed address.
    notify([person], kind="other", message="New comments on your idea “%(title)s”.", params={"title": "案"})
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 0 and mail.outbox == []

    # Opening the link shows a button (GET never writes); pressing it confirms.
    page = client.get(path)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert not User.objects.get(pk=person.pk).email_verified
    assert client.post(path).status_code == 302
    person.refresh_from_db()
    assert person.email_verified and selectors.may_email(person)
    assert send_digest.call(person.pk) == 1 and mail.outbox[0].to == ["hanako@example.jp"]


def test_other_send_points_skip_unconfirmed_addresses(db, make_idea, moderator):
    from yukemuri.events.models import Registration
    from yukemuri.moderation.services import post_hide

    unconfirmed = PersonFactory(email_verified=False)
    assert _address(Registration(person=unconfirmed)) == ""
    assert _address(Registration(person=PersonFactory())) != ""
    idea = make_idea(unconfirmed, title="確認前の案")
    mail.outbox.clear()
    post_hide(target=idea, moderator=moderator, reason="重複")
    from yukemuri.actions.models import Action

    action = Action.objects.latest("pk")
    assert notify_author_of_action.call(action.pk) is False
    assert all(unconfirmed.email not in m.to for m in mail.outbox)


def test_a_bad_or_stale_link_confirms_nothing_and_the_link_can_be_sent_again(client, person,
                                                                            django_capture_on_commit_callbacks):
    User.objects.filter(pk=person.pk).update(email_verified=False)
    person.refresh_from_db()
    token = verification_token(person)
    User.objects.filter(pk=person.pk).update(email="changed@example.jp")  # the link was for the old address
    assert client.post(reverse("verify_email", args=[token])).status_code == 400
    assert client.get(reverse("verify_email", args=["not-a-token"])).status_code == 400
    assert not User.objects.get(pk=person.pk).email_verified
    client.force_login(User.objects.get(pk=person.pk))
    assert reverse("verify_email_resend") in client.get(reverse("me")).content.decode()  # "send the link again"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("verify_email_resend")).status_code == 302
    [message] = mail.outbox
    assert message.to == ["changed@example.jp"]
    assert client.post(_path(_link(message))).status_code == 302
    assert User.objects.get(pk=person.pk).email_verified


def test_existing_and_demo_people_count_as_confirmed(db):
    from importlib import import_module

    migration = import_module("yukemuri.people.migrations.0006_email_verified")
    before = PersonFactory(email_verified=False)
    migration.existing_people_are_verified(django_apps, None)
    assert User.objects.get(pk=before.pk).email_verified
    demo = services.person_register(email="demo@example.jp", password=PASSWORD, display_name="デモ",
                                    consents=[ConsentPurpose.TERMS], is_demo=True)
    assert demo.email_verified


# Item 20 — two sign-ups with one address at the same moment.

def test_an_address_taken_between_the_check_and_the_insert_is_a_form_error(client, gunma, monkeypatch):
    PersonFactory(email="hanako@example.jp")  # another sign-up got in after this one's check
    monkeypatch.setattr(selectors, "email_taken", lambda email: False)
    response = client.post(reverse("signup"), {**SIGNUP, "email": "Hanako@Example.jp"})
    assert response.status_code == 400 and EMAIL_TAKEN_JA in response.content.decode()
    assert User.objects.filter(email__iexact="hanako@example.jp").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of make test")
def test_two_simultaneous_sign_ups_with_one_address(transactional_db, gunma, monkeypatch):
    barrier = threading.Barrier(2)
    checked = selectors.email_taken

    def both_check_first(email):
        taken = checked(email)
        barrier.wait(timeout=10)  # both have checked before either inserts: the race, every time
        return taken

    monkeypatch.setattr(selectors, "email_taken", both_check_first)
    responses, errors = [], []

    def sign_up(n):
        try:
            responses.append(Client(REMOTE_ADDR=f"198.51.100.{n}").post(
                reverse("signup"), {**SIGNUP, "display_name": f"花子{n}"}))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.status_code for r in responses) == [302, 400]
    refused = next(r for r in responses if r.status_code == 400)
    assert EMAIL_TAKEN_JA in refused.content.decode()
    assert User.objects.filter(email="hanako@example.jp").count() == 1


def test_a_refused_sign_up_keeps_what_was_typed_and_says_how_long_to_wait(client, gunma, settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_SIGNUP": "1/h"}
    assert client.post(reverse("signup"), SIGNUP).status_code == 302
    client.logout()
    response = Client().post("/en/accounts/signup/", {**SIGNUP, "email": "jiro@example.jp", "display_name": "次郎さん"})
    page = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert 'value="jiro@example.jp"' in page and 'value="次郎さん"' in page and "Try again in" in page
    assert not User.objects.filter(email="jiro@example.jp").exists()
