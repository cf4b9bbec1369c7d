"""core/csrf.py: Django's CSRF secrets and masks, made faster, are still what Django expects."""

from collections import Counter

from django.middleware import csrf as django_csrf
from django.test import Client

from yukemuri.core import csrf


def test_django_uses_it_and_its_tokens_pass_the_check(db):
    assert django_csrf._get_new_csrf_string is csrf.new_csrf_string  # installed, and Django still has the hook
    client = Client(enforce_csrf_checks=True)
    page = client.get("/en/accounts/login/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert len(token) == django_csrf.CSRF_TOKEN_LENGTH
    assert django_csrf._unmask_cipher_token(token) == client.cookies["csrftoken"].value
    refused = Client(enforce_csrf_checks=True).post("/en/accounts/login/", {"login": "a@example.jp", "password": "x"})
    sent = client.post("/en/accounts/login/", {"login": "a@example.jp", "password": "x",
                                               "csrfmiddlewaretoken": token})
    assert refused.status_code == 403 and sent.status_code != 403


def test_every_character_of_the_alphabet_equally_likely_and_never_another():
    strings = [csrf.new_csrf_string() for _ in range(4000)]
    assert all(len(s) == 32 and set(s) <= set(django_csrf.CSRF_ALLOWED_CHARS) for s in strings)
    counts = Counter("".join(strings))
    expected = 4000 * 32 / 62  # ≈ 2065 each
    assert set(counts) == set(django_csrf.CSRF_ALLOWED_CHARS)
    assert all(abs(n - expected) < 0.15 * expected for n in counts.values())  # with modulo bias 8 characters came 25 % more often
    assert len(set(strings)) == 4000
