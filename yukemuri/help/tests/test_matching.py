"""Suggested helpers for a slot (matching): an opening per slot, ranked people with reasons, invite or decline,
and a yes signs the person up."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yukemuri.events.models import Registration
from yukemuri.help import matching as suggestions
from yukemuri.help import services
from yukemuri.matching import services as matching
from yukemuri.matching.models import Opening, Profile, Suggestion
from yukemuri.notifications.models import Notification
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.services import consent_grant
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.topics.models import Skill


def helper(name, code="102083", skills=("草刈り",), consent=True):
    person = PersonFactory(display_name=name, home_municipality=Municipality.objects.get(code=code))
    for skill in skills:
        person.person_skills.create(skill=Skill.objects.get_or_create_many([skill])[0], level=3)
    if consent:
        consent_grant(person=person, purpose=ConsentPurpose.MATCHING)
    Profile.objects.create(person=person, travel_km=50)
    return person


@pytest.fixture
def request_with_slot(make_request):
    return make_request(title="棚田の草刈り", skills=["草刈り"], helpers=3)


def test_each_slot_has_a_volunteer_opening_in_step(request_with_slot, farmer):
    slot = request_with_slot.slots.get()
    opening = Opening.objects.get(pk=slot.opening_id)
    assert opening.kind == "volunteer" and opening.count == 3 and opening.is_open
    assert [s.name for s in opening.skills_preferred.all()] == ["草刈り"]
    assert opening.url == f"/help/{request_with_slot.pk}/"
    services.slot_update(slot=slot, by=farmer, starts_at=slot.event.starts_at, ends_at=slot.event.ends_at, helpers=6)
    opening.refresh_from_db()
    assert opening.count == 6
    services.request_close(request=request_with_slot, by=farmer)
    opening.refresh_from_db()
    assert not opening.is_open


def test_the_host_sees_consenting_people_with_reasons(request_with_slot, gunma):
    near = helper("近くの草刈り名人")
    helper("同意していない人", consent=False)
    rows = suggestions.suggested_for(request_with_slot.slots.get())
    assert [row["person"] for row in rows] == [near]
    assert rows[0]["reasons"] and rows[0]["suggestion"] is None


def test_invite_tells_the_person_and_a_yes_signs_them_up(request_with_slot, farmer,
                                                         django_capture_on_commit_callbacks):
    near = helper("近くの草刈り名人")
    slot = request_with_slot.slots.get()
    with django_capture_on_commit_callbacks(execute=True):
        offered = suggestions.host_answer(slot=slot, by=farmer, person_id=near.pk, answer="invite")
    assert offered.status == "offered" and Notification.objects.filter(person=near).exists()
    assert suggestions.host_answer(slot=slot, by=farmer, person_id=near.pk, answer="invite") == offered  # once
    with django_capture_on_commit_callbacks(execute=True):
        matching.answer(suggestion=offered, by=near, status=Suggestion.Status.ACCEPTED)
    assert Registration.objects.get(event=slot.event, person=near).status == "confirmed"
    assert Notification.objects.filter(person=farmer).exists()  # the host hears the yes


def test_a_declined_person_is_not_suggested_again(request_with_slot, farmer):
    near = helper("近くの草刈り名人")
    slot = request_with_slot.slots.get()
    suggestions.host_answer(slot=slot, by=farmer, person_id=near.pk, answer="decline")
    assert suggestions.suggested_for(slot) == []


def test_only_hosts_answer_and_only_for_suggested_people(request_with_slot, person, farmer):
    slot = request_with_slot.slots.get()
    near = helper("近くの草刈り名人")
    with pytest.raises(PermissionDenied):
        suggestions.host_answer(slot=slot, by=person, person_id=near.pk, answer="invite")
    with pytest.raises(ValidationError):
        suggestions.host_answer(slot=slot, by=farmer, person_id=person.pk, answer="invite")  # not suggested
    for bad in ("abc", None, "999999"):
        with pytest.raises(ValidationError):
            suggestions.host_answer(slot=slot, by=farmer, person_id=bad, answer="invite")
    with pytest.raises(ValidationError):
        suggestions.host_answer(slot=slot, by=farmer, person_id=near.pk, answer="maybe")


def test_the_suggestions_page_invites_by_post(client, request_with_slot, farmer):
    near = helper("近くの草刈り名人")
    slot = request_with_slot.slots.get()
    client.force_login(farmer)
    url = f"/help/{request_with_slot.pk}/slots/{slot.pk}/suggestions/"
    assert near.display_name in client.get(url).content.decode()
    assert client.post(url, {"person": near.pk, "answer": "invite"}).status_code == 302
    assert Suggestion.objects.get(person=near).status == "offered"
    assert client.post(url, {"person": "x", "answer": "invite"}).status_code == 302  # an error message, no 500


def test_slot_times_for_matching_availability():
    from types import SimpleNamespace

    from django.utils import timezone

    saturday_morning = timezone.datetime(2030, 9, 14, 9, 0, tzinfo=suggestions.TOKYO)
    assert suggestions.slot_times(SimpleNamespace(starts_at=saturday_morning)) == ["sat-am"]
    assert suggestions.slot_times(SimpleNamespace(starts_at=saturday_morning + timedelta(hours=10))) == ["sat-eve"]
