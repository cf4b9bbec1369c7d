"""Driving the authorisation-code flow: the site through Django's test client, the provider over real HTTP."""

import re
from urllib.parse import parse_qs, urljoin, urlparse

import requests

START = "/accounts/oidc/local/login/"


def start(client, *, process="login", next_url=""):
    """POST the provider's button; return the provider's authorisation address the site sends the browser to."""
    data = {"process": process}
    if next_url:
        data["next"] = next_url
    response = client.post(START, data)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def at_provider(op, authorize_url, person=None):
    """Sign in at the provider's own login form, as a browser would; return the callback address (with code and
    state) the provider sends the browser back to."""
    person = person or op.people[0]
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False)
    login_url = urljoin(op.url, response.headers["Location"])
    page = browser.get(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    next_path = parse_qs(urlparse(login_url).query)["next"][0]
    response = browser.post(login_url, data={"csrfmiddlewaretoken": token, "username": person["username"],
                                             "password": person["password"], "next": next_path},
                            allow_redirects=False)
    assert response.status_code == 302, "the provider refused the sign-in"
    response = browser.get(urljoin(op.url, response.headers["Location"]), allow_redirects=False)
    assert response.status_code == 302
    return response.headers["Location"]


def back(client, callback_url, **extra):
    parts = urlparse(callback_url)
    return client.get(f"{parts.path}?{parts.query}", **extra)


def sign_in(client, op, **kwargs):
    return back(client, at_provider(op, start(client, **kwargs)))
