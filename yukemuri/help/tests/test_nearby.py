"""New help requests "near me" (0023): the people who opted in and live in the request's municipality or signed
up for help there before hear of it, at most a few a day, once each."""

import pytest
from django.utils import translation

from yukemuri.events import services as events
from yukemuri.help import services, tasks
from yukemuri.notifications.models import Channel, NoticeKind, Notification
from yukemuri.notifications.services import choices_save
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality

MAEBASHI = "102016"


def opt_in(person, channel=Channel.SOON):
    choices_save(person=person, choices={NoticeKind.HELP_NEARBY: channel})
    return person


def nearby_notices(person=None):
    found = Notification.objects.filter(kind=NoticeKind.HELP_NEARBY)
    return found.filter(person=person) if person is not None else found


@pytest.fixture
def maebashi(gunma):
    return Municipality.objects.get(code=MAEBASHI)


@pytest.fixture
def publish(make_request, django_capture_on_commit_callbacks):
    def run(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_request(**fields)

    return run


def test_who_hears_of_a_new_request(publish, municipality, maebashi, farmer):
    resident = opt_in(PersonFactory(home_municipality=municipality))
    not_opted_in = PersonFactory(home_municipality=municipality)  # the default: nothing
    elsewhere = opt_in(PersonFactory(home_municipality=maebashi))
    opt_in(farmer)
    farmer.home_municipality = municipality
    farmer.save()
    request = publish(title="りんごの収穫")
    [notice] = nearby_notices()
    assert notice.person == resident and notice.url == f"/help/{request.pk}/"
    with translation.override("en"):
        assert notice.text == "New help request in 渋川市: “りんごの収穫”."
    assert not nearby_notices(not_opted_in).exists() and not nearby_notices(elsewhere).exists()
    assert not nearby_notices(farmer).exists()  # not the one who published it


def test_people_who_helped_there_before_hear_wherever_they_live(publish, maebashi):
    helper = opt_in(PersonFactory(home_municipality=maebashi))
    waiting = opt_in(PersonFactory(home_municipality=maebashi))
    first = publish(title="雪かき", helpers=1)
    events.register(event=first.slots.get().event, person=helper)
    events.register(event=first.slots.get().event, person=waiting)  # on the waiting list: not (yet) a helper
    assert not nearby_notices().exists()
    publish(title="草刈り")
    assert list(nearby_notices().values_list("person_id", flat=True)) == [helper.pk]


def test_none_silences_and_site_keeps_it_off_email(publish, municipality):
    silent = opt_in(PersonFactory(home_municipality=municipality), Channel.NONE)
    on_site = opt_in(PersonFactory(home_municipality=municipality), Channel.SITE)
    publish()
    assert not nearby_notices(silent).exists()
    assert nearby_notices(on_site).get().email_after is None


def test_at_most_a_few_a_day_reach_one_person(publish, municipality, settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "HELP_NEARBY_PER_DAY": 2}
    resident = opt_in(PersonFactory(home_municipality=municipality))
    for n in range(3):
        publish(title=f"お手伝い {n}")
    assert nearby_notices(resident).count() == 2
    assert Notification.objects.filter(person=resident).count() == 2  # nothing else sent in its place


def test_a_retry_tells_no_one_twice(publish, municipality):
    resident = opt_in(PersonFactory(home_municipality=municipality))
    request = publish()
    assert tasks.tell_nearby.call(request.pk) == 0
    assert nearby_notices(resident).count() == 1


def test_drafts_closed_and_demo_requests_tell_no_one(make_request, publish, municipality, farmer,
                                                      django_capture_on_commit_callbacks):
    resident = opt_in(PersonFactory(home_municipality=municipality))
    draft = make_request(publish=False)
    assert tasks.tell_nearby.call(draft.pk) == 0
    demo = make_request(publish=False)
    demo.is_demo = True
    demo.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_publish(request=demo, by=farmer)
    closed = publish()
    nearby_notices().delete()
    services.request_close(request=closed, by=farmer)
    assert tasks.tell_nearby.call(closed.pk) == 0
    assert not nearby_notices(resident).exists()


def test_a_slots_new_time_is_told_once_by_help_not_also_by_events(publish, farmer, person,
                                                                   django_capture_on_commit_callbacks):
    from datetime import timedelta

    request = publish()
    slot = request.slots.get()
    events.register(event=slot.event, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_update(slot=slot, by=farmer, starts_at=slot.event.starts_at + timedelta(hours=1),
                             ends_at=slot.event.ends_at + timedelta(hours=1), helpers=2)
    assert list(Notification.objects.filter(person=person).values_list("kind", flat=True)) == [NoticeKind.HELP]
