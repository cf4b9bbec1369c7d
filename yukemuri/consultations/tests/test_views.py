"""Consultation pages: the open slots and their filter, booking with the intake (errors keep what was typed),
my consultations, the coordinator's notes and hand-offs, the coordinator's slots, the caseload."""

import pytest
from django.utils import translation

from yukemuri.consultations.models import Consultation, Slot
from yukemuri.matching.models import Opening
from yukemuri.people.tests.factories import PersonFactory

from .conftest import intake


def test_open_slots_are_public_and_filter_by_field(client, slot):
    page = client.get("/space/consultations/").content.decode()
    assert f"/space/consultations/slots/{slot.pk}/book/" in page
    assert "公認会計士" in page
    other = client.get("/space/consultations/?field=it").content.decode()
    assert f"/slots/{slot.pk}/book/" not in other


@pytest.mark.parametrize("query", ["?field=nope", "?qualification=%00", "?field=" + "x" * 5000])
def test_a_bad_filter_is_an_error_on_the_form_not_a_500(client, slot, query):
    response = client.get("/space/consultations/" + query)
    assert response.status_code == 200
    assert f"/slots/{slot.pk}/book/" not in response.content.decode()


def test_booking_asks_to_sign_in_then_books_with_the_intake(client, slot, member):
    assert client.get(f"/space/consultations/slots/{slot.pk}/book/").status_code == 302
    client.force_login(member)
    response = client.post(f"/space/consultations/slots/{slot.pk}/book/", {**intake(), "field": ""})
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/space/consultations/{consultation.pk}/"
    assert consultation.needs == "融資の相談"
    assert "開業資金" in client.get("/space/consultations/mine/").content.decode()


def test_an_incomplete_intake_keeps_what_was_typed(client, slot, member):
    client.force_login(member)
    response = client.post(f"/space/consultations/slots/{slot.pk}/book/", {"topic": "店の開業", "stage": "idea"})
    assert response.status_code == 400
    assert 'value="店の開業"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_taken_slot_cannot_be_booked_again(client, slot, member):
    client.force_login(member)
    client.post(f"/space/consultations/slots/{slot.pk}/book/", intake())
    client.force_login(PersonFactory())
    response = client.post(f"/space/consultations/slots/{slot.pk}/book/", intake())
    with translation.override("ja"):
        taken = translation.gettext("Someone has booked this consultation already.")
    assert response.status_code == 400 and taken in response.content.decode()
    assert Consultation.objects.count() == 1


def test_the_member_sees_the_intake_but_not_the_private_note(client, slot, member, coordinator):
    from yukemuri.consultations import services

    consultation = services.book(by=member, slot=slot, **intake())
    services.notes_save(by=coordinator, consultation=consultation, private_note="本人には見せないメモ")
    client.force_login(member)
    page = client.get(f"/space/consultations/{consultation.pk}/").content.decode()
    assert "融資の相談" in page and "本人には見せないメモ" not in page
    client.force_login(coordinator)
    assert "本人には見せないメモ" in client.get(f"/space/consultations/{consultation.pk}/").content.decode()
    client.force_login(PersonFactory())
    assert client.get(f"/space/consultations/{consultation.pk}/").status_code == 404


def test_the_coordinator_writes_notes_and_hands_on_to_matching(client, slot, member, coordinator):
    from yukemuri.consultations import services

    consultation = services.book(by=member, slot=slot, **intake())
    client.force_login(coordinator)
    url = f"/space/consultations/{consultation.pk}/"
    bad = client.post(url, {"form": "notes", "private_note": "メモ", "follow_up": "次回", "follow_up_on": "2026-13-40"})
    assert bad.status_code == 400 and "メモ" in bad.content.decode()
    assert client.post(url, {"form": "notes", "private_note": "メモ", "follow_up": "計画書",
                             "follow_up_on": "2027-01-20"}).status_code == 302
    assert client.post(url, {"form": "matching", "seeking": "partner", "skills": "製造, 販路"}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.follow_up == "計画書" and consultation.opening == Opening.objects.get()


def test_the_member_cannot_post_notes(client, slot, member):
    from yukemuri.consultations import services

    consultation = services.book(by=member, slot=slot, **intake())
    client.force_login(member)
    response = client.post(f"/space/consultations/{consultation.pk}/", {"form": "notes", "private_note": "x"})
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.private_note == ""


def test_the_member_cancels(client, slot, member):
    from yukemuri.consultations import services

    consultation = services.book(by=member, slot=slot, **intake())
    client.force_login(member)
    assert client.get(f"/space/consultations/{consultation.pk}/cancel/").status_code == 405
    client.post(f"/space/consultations/{consultation.pk}/cancel/")
    consultation.refresh_from_db()
    assert consultation.status == "cancelled"


def test_the_coordinator_publishes_a_slot_on_their_page(client, coordinator, room, member):
    client.force_login(member)
    assert client.get("/space/consultations/coordinator/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/space/consultations/coordinator/").status_code == 200
    response = client.post("/space/consultations/coordinator/", {"day": "2099-01-05", "start": "13:00",
                                                                 "minutes": "60", "place": str(room.pk)})
    assert response.status_code == 302
    assert Slot.objects.get().facility == room
    assert client.post("/space/consultations/coordinator/", {"day": "2099-01-05", "start": "13:00", "minutes": "60",
                                                             "place": "999999"}).status_code == 400


def test_the_caseload_is_for_the_spaces_coordinators_and_operator(client, space, slot, member, operator):
    client.force_login(member)
    assert client.get(f"/space/consultations/s/{space.slug}/").status_code == 403
    client.force_login(operator)
    assert client.get(f"/space/consultations/s/{space.slug}/").status_code == 200
    assert client.get("/space/consultations/s/nowhere/").status_code == 404
