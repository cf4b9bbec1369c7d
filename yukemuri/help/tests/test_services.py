from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from yukemuri.actions.models import Action
from yukemuri.events import services as events
from yukemuri.help import services
from yukemuri.help.models import HelpRequest
from yukemuri.help.selectors import open_requests
from yukemuri.notifications.models import Notification
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.tests.factories import PersonFactory

from .conftest import soon


def test_a_verified_organisations_member_drafts_and_publishes(make_request, farmer):
    request = make_request(publish=False)
    assert request.status == HelpRequest.Status.DRAFT
    assert "<script>" not in request.description_html and "<strong>" in request.description_html
    assert not open_requests().filter(pk=request.pk).exists()  # a draft is not open
    services.request_publish(request=request, by=farmer)
    assert open_requests().filter(pk=request.pk).exists()
    assert Action.objects.filter(verb="help.published", target_id=request.pk).count() == 1


def test_slots_are_help_events_with_the_helpers_as_capacity(make_request):
    request = make_request(helpers=4)
    event = request.slots.get().event
    assert event.kind.slug == "help" and event.capacity == 4 and event.title == request.title
    assert list(event.organisers.all()) == [request.host]


def test_publishing_needs_a_slot(make_request, farmer):
    request = make_request(publish=False, slots=0)
    with translation.override("en"), pytest.raises(ValidationError, match="time slot"):
        services.request_publish(request=request, by=farmer)


def test_an_unverified_organisation_cannot_ask(municipality, farm, farmer):
    Membership.objects.create(organisation=Organisation.objects.create(name="未確認", kind="npo"), person=farmer)
    unverified = Organisation.objects.get(name="未確認")
    with pytest.raises(ValidationError):
        services.request_create(by=farmer, host=unverified, municipality=municipality, title="x", description="y")


def test_a_resident_and_another_organisations_member_cannot(make_request, municipality, farm, person):
    with pytest.raises(PermissionDenied):
        services.request_create(by=person, host=farm, municipality=municipality, title="x", description="y")
    other = Organisation.objects.create(name="別の団体", kind="npo", verified=True)
    Membership.objects.create(organisation=other, person=person)
    with pytest.raises(PermissionDenied):  # verified elsewhere, but not a member of the farm
        services.request_create(by=person, host=farm, municipality=municipality, title="x", description="y")
    request = make_request()
    with pytest.raises(PermissionDenied):
        services.request_update(request=request, by=person, title="乗っ取り")
    with pytest.raises(PermissionDenied):
        services.request_close(request=request, by=person)


def test_only_staff_post_without_an_organisation(municipality, farmer, staff):
    with pytest.raises(PermissionDenied):
        services.request_create(by=farmer, host=None, municipality=municipality, title="x", description="y")
    request = services.request_create(by=staff, host=None, municipality=municipality, title="神社の清掃",
                                      description="境内の落ち葉掃き", kind="cleaning")
    starts = soon()
    services.slot_add(request=request, by=staff, starts_at=starts, ends_at=starts + timedelta(hours=2), helpers=3)
    assert services.request_publish(request=request, by=staff).status == "published"


def test_disaster_is_staff_only(make_request, farmer, staff):
    request = make_request()
    with pytest.raises(PermissionDenied):
        services.disaster_mark(request=request, by=farmer)
    assert services.disaster_mark(request=request, by=staff).disaster is True
    assert Action.objects.filter(verb="help.disaster_marked", target_id=request.pk).count() == 1
    services.disaster_mark(request=request, by=staff)  # again: nothing more
    assert Action.objects.filter(verb="help.disaster_marked", target_id=request.pk).count() == 1


def test_disaster_requests_come_first(make_request, staff):
    first = make_request(title="ふつう")
    second = make_request(title="災害")
    services.disaster_mark(request=second, by=staff)
    assert list(open_requests())[:2] == [second, first]


def test_a_closed_request_is_no_longer_open_and_takes_no_slots(make_request, farmer):
    request = make_request()
    services.request_close(request=request, by=farmer)
    assert not open_requests().exists()
    with pytest.raises(ValidationError):
        services.slot_add(request=request, by=farmer, starts_at=soon(), ends_at=soon(hours=1), helpers=1)
    with pytest.raises(ValidationError):
        services.request_update(request=request, by=farmer, title="再開")


def test_slot_checks(make_request, farmer):
    request = make_request(publish=False)
    with translation.override("en"), pytest.raises(ValidationError, match="after the start"):
        services.slot_add(request=request, by=farmer, starts_at=soon(), ends_at=soon(), helpers=1)
    with pytest.raises(ValidationError):
        services.slot_add(request=request, by=farmer, starts_at=soon(), ends_at=soon(hours=1), helpers=0)


def test_an_edit_of_a_published_request_tells_the_people_signed_up(make_request, farmer, person, committed, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    request = make_request()
    event = request.slots.get().event
    events.register(event=event, person=person)
    guest = events.register(event=event, guest_name="ゲスト", guest_email="guest@example.com", language="en")
    events.guest_confirm(registration=guest)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_update(request=request, by=farmer, safety_note="長靴を持ってきてください")
    notice = Notification.objects.get(person=person)
    assert notice.params["title"] == request.title and notice.url == f"/help/{request.pk}/"
    assert [m.to for m in mailoutbox] == [["guest@example.com"]]
    assert mailoutbox[0].subject.startswith("Changed:")  # in the guest's language
    assert not Notification.objects.filter(person=farmer).exists()  # not the one who changed it


def test_a_draft_edit_or_no_change_tells_nobody(make_request, farmer, person, django_capture_on_commit_callbacks):
    request = make_request()
    events.register(event=request.slots.get().event, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_update(request=request, by=farmer, title=request.title)  # nothing changed
    assert not Notification.objects.exists()
    assert not Action.objects.filter(verb="help.updated").exists()


def test_a_slot_change_tells_that_slots_people_only(make_request, farmer, person, other_person,
                                                    django_capture_on_commit_callbacks):
    request = make_request(slots=2)
    first, second = request.slots.all()
    events.register(event=first.event, person=person)
    events.register(event=second.event, person=other_person)
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_update(slot=first, by=farmer, starts_at=first.event.starts_at + timedelta(hours=1),
                             ends_at=first.event.ends_at + timedelta(hours=1), helpers=5)
    assert list(Notification.objects.values_list("person_id", flat=True)) == [person.pk]
    first.event.refresh_from_db()
    assert first.event.capacity == 5


def test_more_helpers_promote_the_waiting_list(make_request, farmer):
    request = make_request(helpers=1)
    slot = request.slots.get()
    events.register(event=slot.event, person=PersonFactory())
    waiting = events.register(event=slot.event, person=PersonFactory())
    assert waiting.status == "waitlisted"
    services.slot_update(slot=slot, by=farmer, starts_at=slot.event.starts_at, ends_at=slot.event.ends_at, helpers=2)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_open_requests_by_municipality_and_limit(make_request, municipality, gunma):
    from yukemuri.regions.models import Municipality

    make_request(title="一")
    make_request(title="二")
    assert open_requests(municipality=municipality, limit=1).count() == 1
    assert open_requests(municipality=Municipality.objects.get(code="104256")).count() == 0


def test_a_request_whose_slots_are_past_is_not_open(make_request, farmer):
    request = make_request()
    slot = request.slots.get()
    from yukemuri.events.models import Event

    Event.objects.filter(pk=slot.event_id).update(starts_at=soon(days=-3), ends_at=soon(days=-3, hours=2))
    assert not open_requests().exists()


def test_a_drafts_slots_take_no_sign_up_even_on_the_event_page_until_published(make_request, farmer, person):
    request = make_request(publish=False)
    event = request.slots.get().event
    with pytest.raises(ValidationError):
        events.register(event=event, person=person)
    services.request_publish(request=request, by=farmer)
    event.refresh_from_db()
    assert events.register(event=event, person=person).status == "confirmed"


def test_closing_stops_sign_up_on_the_event_page_too(make_request, farmer, person):
    request = make_request()
    services.request_close(request=request, by=farmer)
    with translation.override("en"), pytest.raises(ValidationError, match="closed"):
        events.register(event=request.slots.get().event, person=person)
