"""The one form path (core.views_helpers.submit_form): form → service → redirect, the service's refusals on
the form's fields, 400 with what was typed, and the rate limit's refusal."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from yukemuri.core.ratelimits import Refusal
from yukemuri.core.views_helpers import submit_form


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)
    note = forms.CharField(required=False)


def request_for(method="post", data=None, refusal=None):
    request = getattr(RequestFactory(), method)("/somewhere/", data or {})
    request._messages = CookieStorage(request)
    if refusal is not None:
        request.rate_refusal = refusal
    return request


def run(request, action, **kwargs):
    form = NameForm(request.POST or None)

    def page():
        return HttpResponse(f"form: {form['name'].value() or ''}")

    response = submit_form(request, form, action, page=page, **kwargs)
    return response, form


def test_a_valid_post_calls_the_service_says_so_and_redirects():
    calls = []
    request = request_for(data={"name": "湯けむり"})
    response, _form = run(request, lambda **data: calls.append(data) or "made", success=lambda made: f"ok {made}",
                          to=lambda made: f"/done/{made}/")
    assert calls == [{"name": "湯けむり", "note": ""}]
    assert response.status_code == 302 and response["Location"] == "/done/made/"
    assert [str(m) for m in get_messages(request)] == ["ok made"]


def test_a_get_shows_the_page_and_calls_nothing():
    response, form = run(request_for("get"), lambda **data: pytest.fail("called"), to="/x/")
    assert response.status_code == 200 and not form.is_bound


@pytest.mark.parametrize("refusal, field_errors, form_errors", [
    (ValidationError({"name": "taken", "elsewhere": "not a field"}), {"name": ["taken"]}, ["not a field"]),
    (ValidationError("plain"), {}, ["plain"]),
    (PermissionDenied("not yours"), {}, ["not yours"]),
])
def test_the_services_refusal_goes_onto_the_form_with_400_keeping_what_was_typed(refusal, field_errors, form_errors):
    def action(**data):
        raise refusal

    response, form = run(request_for(data={"name": "湯けむり"}), action, to="/x/")
    assert response.status_code == 400 and "湯けむり" in response.content.decode()
    assert {k: v for k, v in form.errors.items() if k != "__all__"} == field_errors
    assert form.non_field_errors() == form_errors


def test_an_invalid_form_never_reaches_the_service():
    response, form = run(request_for(data={"name": ""}), lambda **data: pytest.fail("called"), to="/x/")
    assert response.status_code == 400 and "name" in form.errors


def test_over_the_rate_limit_the_wait_is_on_the_form_and_nothing_is_written():
    refusal = Refusal(retry_after=120)
    response, form = run(request_for(data={"name": "湯けむり"}, refusal=refusal),
                         lambda **data: pytest.fail("called"), to="/x/")
    assert refusal.shown and form.non_field_errors() == [refusal.message]
    assert response.status_code == 400  # the limit's decorator turns it into 429 with Retry-After


def test_attempt_says_the_services_refusal_as_an_error_and_lets_permission_denied_through():
    from yukemuri.core.views_helpers import attempt

    request = request_for()
    assert attempt(request, lambda: "done", lambda result: f"ok {result}")

    def refuse():
        raise ValidationError(["one", "two"])

    assert not attempt(request, refuse, "never said")
    assert [str(m) for m in get_messages(request)] == ["ok done", "one two"]

    def forbid():
        raise PermissionDenied("no")

    with pytest.raises(PermissionDenied):
        attempt(request, forbid)
