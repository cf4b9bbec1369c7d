"""XSS, CSRF, rate limits, object permissions and security headers."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from yukemuri.ideas.models import Comment, Idea
from yukemuri.ideas.services import comment_create
from yukemuri.people.models import User
from yukemuri.people.tests.factories import PASSWORD

PAYLOADS = [
    '<script>alert("x")</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">a</a>',
    "<iframe src=//evil.example></iframe>",
]


class ActiveContent(HTMLParser):
    """Collects what a browser would run: event handlers, javascript: links, inline or foreign scripts, frames."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("iframe", "svg", "object", "embed"):
            self.found.append(tag)
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            self.found.append("script")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(name)
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{name}=javascript")


def assert_neutralised(html: str):
    parser = ActiveContent()
    parser.feed(html)
    assert parser.found == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_in_titles_bodies_and_comments_is_neutralised(client, person, make_idea, payload):
    idea = make_idea(person, title=f"題{payload}", body=f"本文 {payload}")
    comment_create(idea=idea, author=person, body=f"コメント {payload}")
    for url in (reverse("idea_detail", args=[idea.pk]), reverse("idea_list"), reverse("home")):
        assert_neutralised(client.get(url).content.decode())
    api = client.get(f"/api/v1/ideas/{idea.pk}").json()
    assert_neutralised(api["body_html"])
    assert api["title"] == f"題{payload}"  # kept as typed: escaping is the page's job


def test_safe_markdown_still_works(person, make_idea):
    idea = make_idea(person, body="# 見出し\n\n- 一\n- 二\n\n[県のサイト](https://www.pref.gunma.jp/)")
    assert "<h3>見出し</h3>" in idea.body_html and "<li>一</li>" in idea.body_html
    assert 'href="https://www.pref.gunma.jp/"' in idea.body_html and 'rel="noopener noreferrer nofollow ugc"' in idea.body_html


def test_csrf_is_enforced_on_every_form(person, make_idea, gunma):
    idea = make_idea(person)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(person)
    posts = [
        (reverse("idea_new"), {"title": "t", "body": "b", "place": "p:100005"}),
        (reverse("comment_new", args=[idea.pk]), {"body": "x"}),
        (reverse("idea_support", args=[idea.pk]), {"supported": "1"}),
        (reverse("consent_change"), {"purpose": "contact", "granted": "1"}),
        (reverse("logout"), {}),
    ]
    for url, data in posts:
        assert csrf_client.post(url, data).status_code == 403, url
    assert Idea.objects.count() == 1 and not Comment.objects.exists()
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post(reverse("signup"), {"email": "x@example.jp"}).status_code == 403
    # With the token the same form goes through.
    page = csrf_client.get(reverse("idea_detail", args=[idea.pk]))
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(reverse("comment_new", args=[idea.pk]), {"body": "ok", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and Comment.objects.count() == 1


def test_signup_is_rate_limited_per_address(client, gunma, settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_SIGNUP": "2/h"}
    for n in range(2):
        client.post(reverse("signup"), {"email": f"u{n}@example.jp"})
    response = client.post(reverse("signup"), {
        "email": "third@example.jp", "display_name": "3", "password1": PASSWORD, "password2": PASSWORD,
        "relation": "resident", "preferred_language": "ja", "consent_terms": "on",
    })
    assert response.status_code == 429
    assert not User.objects.filter(email="third@example.jp").exists()


def test_login_is_rate_limited(client, person, settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_LOGIN": "3/h"}  # an hour: a run under load never straddles the window
    for _ in range(3):
        assert client.post(reverse("login"), {"username": person.email, "password": "wrong"}).status_code == 200
    response = client.post(reverse("login"), {"username": person.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_posting_is_rate_limited_per_person(client, person, settings, gunma):
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_POST": "2/h", "RATE_COMMENT": "2/h"}
    client.force_login(person)
    for n in range(2):
        assert client.post(reverse("idea_new"), {"title": f"案{n}", "body": "b", "place": "p:100005"}).status_code == 302
    assert client.post(reverse("idea_new"), {"title": "案3", "body": "b", "place": "p:100005"}).status_code == 429
    assert Idea.objects.count() == 2
    idea = Idea.objects.first()
    for n in range(2):
        client.post(reverse("comment_new", args=[idea.pk]), {"body": f"c{n}"})
    assert client.post(reverse("comment_new", args=[idea.pk]), {"body": "c3"}).status_code == 429
    assert Comment.objects.count() == 2
    page = client.post(reverse("issue_new"), {"title": "x", "body": "y", "place": "p:100005"})
    assert page.status_code == 429 and "<h1>" in page.content.decode()


def test_another_persons_idea_cannot_be_edited(client, person, other_person, make_idea):
    idea = make_idea(person, title="私の案")
    client.force_login(other_person)
    assert client.get(reverse("idea_edit", args=[idea.pk])).status_code == 403
    response = client.post(reverse("idea_edit", args=[idea.pk]), {"title": "乗っ取り", "body": "x", "place": "p:100005"})
    assert response.status_code == 403
    assert Idea.objects.get(pk=idea.pk).title == "私の案"
    client.force_login(person)
    assert "私の案" in client.get(reverse("idea_edit", args=[idea.pk])).content.decode()


def test_security_headers(client, db):
    response = client.get(reverse("home"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_admin_needs_staff(client, person):
    client.force_login(person)
    assert client.get("/admin/").status_code == 302


def test_the_checker_itself_catches_active_content():
    for html in ('<img src=x onerror="alert(1)">', '<a href=" javascript:x">', "<script>x</script>", "<svg></svg>"):
        with pytest.raises(AssertionError):
            assert_neutralised(html)
    assert_neutralised('<script src="/static/app.js"></script><p>&lt;script&gt;</p>')
