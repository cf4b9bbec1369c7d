"""「私も困っている」 without an account (issues/guests.py, notifications/guests.py): confirmed by an e-mail link
before it counts, and taken over by the account that proves the address — never counted twice."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.core.models import Visibility
from yukemuri.issues import guests, services
from yukemuri.issues.models import GuestSupport, Issue, IssueSupport
from yukemuri.notifications import guests as shared
from yukemuri.people import services as people
from yukemuri.people.tests.factories import PersonFactory


@pytest.fixture
def issue(person, make_issue):
    return make_issue(person)


def count(issue) -> int:
    return Issue.objects.get(pk=issue.pk).support_count


def test_a_guest_support_counts_only_once_confirmed(issue, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        row = guests.guest_support(issue=issue, name="ゆき", email=" Yuki@Example.jp ", language="vi")
    assert row.email == "yuki@example.jp" and count(issue) == 0
    assert mail.outbox[-1].to == ["yuki@example.jp"] and "/vi/guest/" in mail.outbox[-1].body
    path = re.search(r"https?://[^/\s]+(/\S*guest/\S+/)", mail.outbox[-1].body).group(1)
    assert client.get(path).status_code == 200 and count(issue) == 0  # GET never writes
    assert client.post(path).status_code == 302 and count(issue) == 1
    client.post(path)  # pressed twice: still one
    assert count(issue) == 1
    with django_capture_on_commit_callbacks(execute=True):  # the same address again: confirmed, no new mail
        again = guests.guest_support(issue=issue, name="ゆき", email="YUKI@example.jp")
    assert again.pk == row.pk and len(mail.outbox) == 1 and count(issue) == 1


def test_a_guest_needs_a_name_an_address_and_a_published_issue(issue, client):
    with pytest.raises(ValidationError):
        guests.guest_support(issue=issue, name=" ", email="a@example.jp")
    row = guests.guest_support(issue=issue, name="ゆき", email="yuki@example.jp")
    token = shared.token(guests.SUPPORT, row.pk, "someone-else@example.jp")  # a link not for this address
    assert client.post(reverse("guest_confirm", args=[token])).status_code == 404 and count(issue) == 0
    Issue.objects.filter(pk=issue.pk).update(visibility=Visibility.HIDDEN)
    issue.refresh_from_db()
    with pytest.raises(PermissionDenied):
        guests.guest_support(issue=issue, name="ゆき", email="b@example.jp")


def test_confirming_the_address_takes_the_support_over_once(issue, make_issue, django_capture_on_commit_callbacks):
    other = make_issue(issue.author, title="バスが少ない")
    guests.guest_support_confirm(guests.guest_support(issue=issue, name="ゆき", email="yuki@example.jp"))
    unconfirmed = guests.guest_support(issue=other, name="ゆき", email="yuki@example.jp")
    person = PersonFactory(email="yuki@example.jp", email_verified=False)
    assert not shared.claim_everything(person=person)  # an address not proved claims nothing
    with django_capture_on_commit_callbacks(execute=True):
        people.email_verify(person=person)
    assert IssueSupport.objects.filter(target=issue, person=person).exists() and count(issue) == 1
    assert GuestSupport.objects.filter(pk=unconfirmed.pk).exists() and count(other) == 0
    assert Action.objects.get(verb=verbs.GUEST_CLAIMED, actor=person).data["issues"] == 1
    assert shared.claim_everything(person=person)["issues"] == 0 and count(issue) == 1  # idempotent
    # The unconfirmed support, confirmed later, is the account's straight away.
    Client().post(reverse("guest_confirm", args=[shared.token(guests.SUPPORT, unconfirmed.pk, "yuki@example.jp")]))
    assert IssueSupport.objects.filter(target=other, person=person).exists() and count(other) == 1


def test_a_support_given_as_guest_and_with_the_account_counts_once(issue):
    person = PersonFactory(email="taro@example.jp", email_verified=True)
    services.issue_support(issue=issue, person=person)
    row = guests.guest_support(issue=issue, name="たろう", email="taro@example.jp")
    shared.confirm(*shared.read(shared.token(guests.SUPPORT, row.pk, row.email)))
    assert count(issue) == 1 and IssueSupport.objects.filter(target=issue).count() == 1
    assert not GuestSupport.objects.exists()


def test_the_issue_page_offers_the_form_which_keeps_what_was_typed(client, issue, settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_SUPPORT": "2/h"}  # the accounts' budget, per client address
    assert reverse("issue_guest_support", args=[issue.pk]) in client.get(issue.get_absolute_url()).content.decode()
    url = reverse("issue_guest_support", args=[issue.pk])
    assert client.get(url).status_code == 200
    page = client.post(url, {"name": "旅人", "email": "not-an-address", "consent": "on"})
    assert page.status_code == 400 and "旅人" in page.content.decode() and not GuestSupport.objects.exists()
    sent = client.post(url, {"name": "旅人", "email": "tabi@example.jp", "consent": "on"})
    assert sent.status_code == 200 and "tabi@example.jp" in sent.content.decode()
    assert GuestSupport.objects.filter(issue=issue, confirmed_at__isnull=True).count() == 1 and count(issue) == 0
    refused = client.post(url, {"name": "旅人", "email": "t2@example.jp", "consent": "on"})
    assert refused.status_code == 429 and "t2@example.jp" in refused.content.decode()
    assert GuestSupport.objects.count() == 1


def test_a_confirmed_guest_support_shows_on_the_cached_page(client, issue):
    row = guests.guest_support(issue=issue, name="ゆき", email="yuki@example.jp")
    client.get(issue.get_absolute_url())
    assert client.get(issue.get_absolute_url())["X-Page-Cache"] == "hit"
    shared.confirm(*shared.read(shared.token(guests.SUPPORT, row.pk, row.email)))
    page = client.get(issue.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and count(issue) == 1


def test_the_author_hears_of_a_confirmed_guest_support_once_a_day(issue):
    from yukemuri.notifications.models import Notification
    from yukemuri.notifications.receivers import ISSUE_SUPPORTED

    told = Notification.objects.filter(person=issue.author, message=ISSUE_SUPPORTED)
    first = guests.guest_support(issue=issue, name="ゆき", email="yuki@example.jp")
    assert not told.exists()  # not before the link is followed
    guests.guest_support_confirm(first)
    guests.guest_support_confirm(guests.guest_support(issue=issue, name="はな", email="hana@example.jp"))
    assert told.count() == 1 and count(issue) == 2
