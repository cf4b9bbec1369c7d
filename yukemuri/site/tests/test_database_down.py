"""While the database is down or restarting, the site says so with a 503 in the reader's language and a
Retry-After, never a bare 500; the API answers a problem detail; and it recovers by itself."""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import translation
from django.utils.translation import gettext


@contextmanager
def database_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "_cursor", refuse)
        yield


@pytest.fixture
def unraised(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("path, language", [("/ideas/", "ja"), ("/en/ideas/", "en"), ("/vi/issues/", "vi")])
def test_a_page_says_the_site_is_busy_in_the_readers_language(unraised, monkeypatch, gunma, path, language):
    cache.clear()  # not from the anonymous page cache: rendered, so it needs the database
    with database_down(monkeypatch):
        response = unraised.get(path)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    with translation.override(language):
        told = gettext("We could not reach our database. Nothing you sent was saved. Please try again in a minute.")
    assert told in response.content.decode()
    assert f'lang="{language}"' in response.content.decode()


def test_a_signed_in_person_gets_the_503_too(unraised, monkeypatch, person, gunma):
    unraised.force_login(person)
    with database_down(monkeypatch):
        response = unraised.post("/ideas/new/", {"title": "t"})
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_the_api_answers_a_problem_detail(unraised, monkeypatch, gunma):
    with database_down(monkeypatch):
        response = unraised.get("/api/v1/ideas")
    assert response.status_code == 503 and response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 503 and response["Retry-After"] == "30"


def test_the_site_recovers_by_itself_once_the_database_answers(unraised, monkeypatch, gunma):
    cache.clear()
    with database_down(monkeypatch):
        assert unraised.get("/ideas/").status_code == 503
    assert unraised.get("/ideas/").status_code == 200


def test_other_errors_are_still_a_500(unraised, monkeypatch, gunma):
    from yukemuri.ideas import views

    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    cache.clear()
    monkeypatch.setattr(views, "idea_list", broken, raising=False)
    monkeypatch.setattr(views, "idea_cards", broken, raising=False)
    response = unraised.get("/ideas/")
    assert response.status_code == 500 and "Retry-After" not in response
