"""Page-like parameters never cause a 500: a clear 400 for what is not a page number, 404 past the end."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from yukemuri.core.filters import InvalidPageNumber

FUZZ = ["abc", "-1", "0", str(10**30), "\x00", "", "1.5", "１", " 1 "]
NOT_A_NUMBER = {"abc", "-1", "0", "\x00", "1.5", "１"}

# Pages whose page number is read directly (no filter form): bad values are a 400 with a message.
PLAIN = [("organisation_list", "page", None), ("notifications", "page", "person"),
         ("moderation_log", "page", "moderator"), ("idea_detail", "comments", None)]
# Pages with a filter form: a bad page is a form error (the list is empty), never a 500.
FILTERED = ["issue_list", "idea_list", "event_list", "accountability", "startup_list", "creator_list"]


@pytest.fixture
def idea(person, make_idea):
    return make_idea(person)


def _url(name, idea):
    return reverse(name, args=[idea.pk]) if name == "idea_detail" else reverse(name)


@pytest.mark.parametrize("value", FUZZ)
@pytest.mark.parametrize(("name", "param", "who"), PLAIN)
def test_plain_lists_answer_400_or_404_never_500(client, idea, person, moderator, name, param, who, value):
    client.raise_request_exception = False
    if who:
        client.force_login({"person": person, "moderator": moderator}[who])
    response = client.get(_url(name, idea), {param: value})
    if value in NOT_A_NUMBER:
        assert response.status_code == 400
        assert escape(str(InvalidPageNumber(value))) in response.content.decode()  # says what was wrong
    elif value == str(10**30):
        assert response.status_code == 404
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("value", FUZZ)
@pytest.mark.parametrize("name", FILTERED)
def test_filtered_lists_never_fail(client, idea, coordinator, name, value):
    client.raise_request_exception = False
    client.force_login(coordinator)
    for param in ("page", "area", "issue", "sdg"):  # ids and numbers too: 10**30 must not overflow the database
        response = client.get(reverse(name), {param: value})
        assert response.status_code in (200, 400, 404), param
        if value == "":
            assert response.status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/v1/sdgs"])
def test_a_bad_host_header_is_a_400_not_a_500(client, db, path):
    client.raise_request_exception = False
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json"
    else:
        assert "evil.example" not in response.content.decode()
