"""People registered hear when an event changes its time or place or is cancelled: a notice of kind EVENTS, as
each chose (0023); guests, who have no choices, an e-mail."""

from datetime import timedelta

import pytest
from django.core import mail

from yukemuri.actions.models import Action
from yukemuri.events import services, tasks
from yukemuri.events.models import Registration
from yukemuri.notifications.models import Channel, NoticeKind, Notification
from yukemuri.notifications.services import choices_save, mark_read
from yukemuri.people.tests.factories import PersonFactory

from .factories import make_event, organiser


@pytest.fixture
def host(gunma):
    return organiser()


def event_notices(person=None):
    found = Notification.objects.filter(kind=NoticeKind.EVENTS)
    return found.filter(person=person) if person is not None else found


def later(event, hours=2):
    return {"starts_at": event.starts_at + timedelta(hours=hours), "ends_at": event.ends_at + timedelta(hours=hours)}


def test_a_change_of_time_or_place_tells_those_holding_a_place(host, django_capture_on_commit_callbacks):
    event = make_event(host, capacity=1)
    seated, waiting, gone = PersonFactory(), PersonFactory(), PersonFactory()
    for person in (seated, waiting, gone):
        services.register(event=event, person=person)
    services.cancel(registration=Registration.objects.get(person=gone), by=gone)  # gave their waiting place back
    guest = services.register(event=event, guest_name="G", guest_email="g@example.jp", language="en")
    services.guest_confirm(registration=guest)
    services.register(event=event, guest_name="U", guest_email="u@example.jp")  # unconfirmed: holds nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=host, venue_name="渋川市民会館")
    assert set(event_notices().values_list("person_id", flat=True)) == {seated.pk, waiting.pk}
    assert event_notices().first().url == f"/events/{event.pk}/"
    assert [m.to for m in mail.outbox] == [["g@example.jp"]] and mail.outbox[0].subject.startswith("Changed:")
    assert "渋川市民会館" in mail.outbox[0].body


def test_other_edits_past_events_and_help_slots_tell_no_one(host, person, django_capture_on_commit_callbacks):
    event = make_event(host)
    services.register(event=event, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=host, description="持ち物: 筆記用具", capacity=40)
    assert not event_notices().exists()
    past = make_event(host, days=-3)
    Registration.objects.create(event=past, person=person, status="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=past, by=host, venue_name="別の会場")
    assert not event_notices().exists()


def test_the_persons_choice_applies(host, person, other_person, django_capture_on_commit_callbacks):
    event = make_event(host)
    silent, weekly = person, other_person
    choices_save(person=silent, choices={NoticeKind.EVENTS: Channel.NONE})
    choices_save(person=weekly, choices={NoticeKind.EVENTS: Channel.WEEKLY})
    for p in (silent, weekly):
        services.register(event=event, person=p)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=host, **later(event))
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=host, reason="台風のため")
    assert not event_notices(silent).exists()
    notices = list(event_notices(weekly))
    assert len(notices) == 2 and all(n.email_after > n.created_at + timedelta(hours=1) for n in notices)


def test_one_notice_waits_for_many_changes_and_a_retry_tells_no_one_twice(host, person,
                                                                          django_capture_on_commit_callbacks):
    event = make_event(host)
    services.register(event=event, person=person)
    guest = services.register(event=event, guest_name="G", guest_email="g@example.jp")
    services.guest_confirm(registration=guest)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=host, **later(event))
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=host, address="群馬県渋川市石原80")
    assert event_notices(person).count() == 1  # the waiting notice stands for both changes
    assert len(mail.outbox) == 2  # a guest has no notices to read: one e-mail per change
    action_id = Action.objects.filter(verb="event.updated").latest("pk").pk
    assert tasks.notify_changed.call(event.pk, action_id, host.pk) == 0  # a retry: nothing twice
    assert event_notices(person).count() == 1 and len(mail.outbox) == 2
    mark_read(person)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=host, online_url="https://example.jp/meet")
    assert event_notices(person).count() == 2  # read: the next change is told again


def test_a_cancellation_tells_each_person_once(host, person, django_capture_on_commit_callbacks):
    event = make_event(host)
    services.register(event=event, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=host, reason="講師急病のため")
    assert tasks.notify_cancelled.call(event.pk) == 0  # a retry
    [notice] = event_notices(person)
    assert "講師急病のため" in notice.text and notice.url == f"/events/{event.pk}/"
