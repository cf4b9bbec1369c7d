"""Supports and comments without an account (ideas/guests.py, notifications/guests.py): confirmed by an e-mail
link before they count or reach the moderators, and taken over by the account that proves the address."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.core.models import Visibility
from yukemuri.events import services as events
from yukemuri.events.models import Registration
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas import guests, services
from yukemuri.ideas.models import Comment, GuestSupport, Idea, IdeaSupport
from yukemuri.moderation import services as moderation
from yukemuri.moderation.selectors import moderation_queue
from yukemuri.notifications import guests as shared
from yukemuri.people import services as people
from yukemuri.people.tests.factories import PersonFactory


@pytest.fixture
def idea(person, make_idea):
    return make_idea(person)


def path_in_last_mail() -> str:
    return re.search(r"https?://[^/\s]+(/\S*guest/\S+/)", mail.outbox[-1].body).group(1)


def count(idea) -> int:
    return Idea.objects.get(pk=idea.pk).support_count


def test_a_guest_support_counts_only_once_confirmed(idea, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        row = guests.guest_support(idea=idea, name="ゆき", email=" Yuki@Example.jp ", language="en")
    assert row.email == "yuki@example.jp" and count(idea) == 0
    assert mail.outbox[-1].to == ["yuki@example.jp"] and "/en/guest/" in mail.outbox[-1].body
    path = path_in_last_mail()
    page = client.get(path)
    assert page.status_code == 200 and count(idea) == 0  # GET never writes
    assert client.post(path).status_code == 302 and count(idea) == 1
    client.post(path)  # pressed twice: still one
    assert count(idea) == 1


def test_the_same_address_twice_is_one_support_and_a_new_link(idea, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        one = guests.guest_support(idea=idea, name="ゆき", email="yuki@example.jp")
        two = guests.guest_support(idea=idea, name="ゆき", email="YUKI@example.jp")
    assert one.pk == two.pk and len(mail.outbox) == 2
    guests.guest_support_confirm(one)
    with django_capture_on_commit_callbacks(execute=True):
        guests.guest_support(idea=idea, name="ゆき", email="yuki@example.jp")
    assert len(mail.outbox) == 2 and count(idea) == 1  # confirmed already: no mail, no second count


def test_a_guest_needs_a_name_an_address_and_a_published_idea(idea):
    with pytest.raises(ValidationError):
        guests.guest_support(idea=idea, name=" ", email="a@example.jp")
    Idea.objects.filter(pk=idea.pk).update(visibility=Visibility.HIDDEN)
    idea.refresh_from_db()
    with pytest.raises(PermissionDenied):
        guests.guest_support(idea=idea, name="ゆき", email="a@example.jp")
    with pytest.raises(PermissionDenied):
        guests.guest_comment(idea=idea, name="ゆき", email="a@example.jp", body="いいですね")


def test_a_bad_or_changed_link_is_refused(idea, client):
    row = guests.guest_support(idea=idea, name="ゆき", email="yuki@example.jp")
    assert client.get(reverse("guest_confirm", args=["nonsense"])).status_code == 404
    assert client.post(reverse("guest_confirm", args=["x" * 500])).status_code == 404
    token = shared.token(guests.SUPPORT, row.pk, "someone-else@example.jp")
    assert client.post(reverse("guest_confirm", args=[token])).status_code == 404
    assert count(idea) == 0


def test_a_guest_comment_waits_for_its_link_then_for_a_moderator(idea, moderator, client):
    comment = guests.guest_comment(idea=idea, name="旅人", email="tabi@example.jp", body="古民家カフェがいいと思う")
    assert comment.visibility == Visibility.HELD
    assert comment.pk not in [item.target.pk for item in moderation_queue() if item.key == "comment"]
    assert "古民家カフェ" not in client.get(idea.get_absolute_url()).content.decode()
    client.post(reverse("guest_confirm", args=[shared.token(guests.COMMENT, comment.pk, "tabi@example.jp")]))
    assert [item.target.pk for item in moderation_queue() if item.key == "comment"] == [comment.pk]
    assert Action.objects.filter(verb=verbs.POST_HELD, target_id=comment.pk).count() == 1
    assert "古民家カフェ" not in client.get(idea.get_absolute_url()).content.decode()
    moderation.post_approve(target=Comment.objects.get(pk=comment.pk), moderator=moderator)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "古民家カフェ" in page and "旅人" in page and Idea.objects.get(pk=idea.pk).comment_count == 1


def test_signing_up_with_the_address_takes_everything_over_once(idea, make_idea, django_capture_on_commit_callbacks):
    other_idea = make_idea(idea.author, title="二つ目の案")
    support = guests.guest_support(idea=idea, name="ゆき", email="yuki@example.jp")
    guests.guest_support_confirm(support)
    unconfirmed = guests.guest_support(idea=other_idea, name="ゆき", email="yuki@example.jp")
    comment = guests.guest_comment(idea=idea, name="ゆき", email="yuki@example.jp", body="応援しています")
    guests.guest_comment_confirm(comment)
    event = make_event(organiser())
    ticket = events.register(event=event, guest_name="ゆき", guest_email="yuki@example.jp")
    person = PersonFactory(email="yuki@example.jp", email_verified=False)
    assert shared.claim_everything(person=person) == {}  # an address not proved claims nothing
    with django_capture_on_commit_callbacks(execute=True):
        people.email_verify(person=person)
    assert IdeaSupport.objects.filter(target=idea, person=person).exists() and count(idea) == 1
    assert Comment.objects.get(pk=comment.pk).author == person and Comment.objects.get(pk=comment.pk).guest_email == ""
    assert Registration.objects.get(pk=ticket.pk).person == person  # events' guests go the same way
    assert GuestSupport.objects.filter(pk=unconfirmed.pk).exists() and count(other_idea) == 0
    assert Action.objects.filter(verb=verbs.GUEST_CLAIMED, actor=person).count() == 1
    assert set(shared.claim_everything(person=person).values()) == {0}  # idempotent
    assert count(idea) == 1
    # The unconfirmed support, confirmed later, is the account's straight away.
    guest_link = shared.token(guests.SUPPORT, unconfirmed.pk, "yuki@example.jp")
    from django.test import Client

    Client().post(reverse("guest_confirm", args=[guest_link]))
    assert IdeaSupport.objects.filter(target=other_idea, person=person).exists() and count(other_idea) == 1


def test_a_support_given_twice_as_guest_and_account_counts_once(idea, client):
    person = PersonFactory(email="taro@example.jp", email_verified=True, password="long-pass-1234")
    services.idea_support(idea=idea, person=person)
    row = guests.guest_support(idea=idea, name="たろう", email="taro@example.jp")
    shared.confirm(*shared.read(shared.token(guests.SUPPORT, row.pk, row.email)))
    # The guest's link, when the address is an account's, hands it over at once: still one support.
    assert count(idea) == 1 and not GuestSupport.objects.exists()
    other = guests.guest_support(idea=idea, name="たろう", email="Taro@example.jp")
    GuestSupport.objects.filter(pk=other.pk).update(confirmed_at="2026-12-01T00:00:00Z")
    Idea.objects.filter(pk=idea.pk).update(support_count=2)  # as if counted before the account existed
    client.login(username="taro@example.jp", password="long-pass-1234")  # signing in proves it again
    assert count(idea) == 1 and IdeaSupport.objects.filter(target=idea).count() == 1


def test_guest_forms_keep_what_was_typed_and_show_errors(client, idea):
    url = reverse("idea_guest_comment", args=[idea.pk])
    assert client.get(url).status_code == 200
    page = client.post(url, {"name": "旅人", "email": "not-an-address", "body": "ここに残る文章"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "ここに残る文章" in text and "旅人" in text and 'aria-invalid="true"' in text
    sent = client.post(url, {"name": "旅人", "email": "tabi@example.jp", "body": "ここに残る文章", "consent": "on"})
    assert sent.status_code == 200 and "tabi@example.jp" in sent.content.decode()
    assert Comment.objects.filter(guest_email="tabi@example.jp", visibility=Visibility.HELD).count() == 1
    support = client.post(reverse("idea_guest_support", args=[idea.pk]), {"name": "旅人", "email": "tabi@example.jp",
                                                                          "consent": "on"})
    assert support.status_code == 200 and GuestSupport.objects.filter(idea=idea).count() == 1


def test_guests_have_the_rate_limits_of_accounts(client, idea, settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "RATE_COMMENT": "2/h"}
    url = reverse("idea_guest_comment", args=[idea.pk])
    for n in range(2):
        client.post(url, {"name": "旅人", "email": f"t{n}@example.jp", "body": "コメント", "consent": "on"})
    refused = client.post(url, {"name": "旅人", "email": "t9@example.jp", "body": "三つ目のコメント", "consent": "on"})
    assert refused.status_code == 429 and "三つ目のコメント" in refused.content.decode()
    assert Comment.objects.count() == 2


def test_the_idea_page_offers_guests_a_way(client, idea):
    page = client.get(idea.get_absolute_url()).content.decode()
    assert reverse("idea_guest_support", args=[idea.pk]) in page and reverse("idea_guest_comment", args=[idea.pk]) in page


def test_a_confirmed_guest_support_shows_on_the_cached_page(client, idea):
    row = guests.guest_support(idea=idea, name="ゆき", email="yuki@example.jp")
    client.get(idea.get_absolute_url())
    assert client.get(idea.get_absolute_url())["X-Page-Cache"] == "hit"
    shared.confirm(*shared.read(shared.token(guests.SUPPORT, row.pk, row.email)))  # an update(): no signal
    assert client.get(idea.get_absolute_url())["X-Page-Cache"] == "miss" and count(idea) == 1


def test_the_author_hears_of_a_confirmed_guest_support_once_a_day(idea):
    from yukemuri.notifications.models import Notification
    from yukemuri.notifications.receivers import IDEA_SUPPORTED

    told = Notification.objects.filter(person=idea.author, message=IDEA_SUPPORTED)
    first = guests.guest_support(idea=idea, name="ゆき", email="yuki@example.jp")
    assert not told.exists()  # not before the link is followed
    guests.guest_support_confirm(first)
    guests.guest_support_confirm(guests.guest_support(idea=idea, name="はな", email="hana@example.jp"))
    assert told.count() == 1 and count(idea) == 2
