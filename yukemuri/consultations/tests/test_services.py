"""Consultation services: slots, booking with the intake (one per slot), cancelling, notes, hand-offs, records."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yukemuri.actions.models import Action
from yukemuri.consultations import selectors, services
from yukemuri.consultations.models import Consultation, Field, Qualification, Slot
from yukemuri.matching.models import Opening
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.teams.models import Application
from yukemuri.teams.services import role_open

from .conftest import intake, make_coordinator, soon


def test_a_member_books_a_slot_with_the_intake_and_it_leaves_the_open_list(slot, member):
    assert list(selectors.open_slots()) == [slot]
    funding = Field.objects.get(code="funding")
    consultation = services.book(by=member, slot=slot, field=funding, **intake())
    assert (consultation.member, consultation.stage, consultation.field) == (member, "preparing", funding)
    assert list(selectors.open_slots()) == []
    assert Action.objects.filter(verb="consultation.booked", actor=member).count() == 1


def test_a_second_booking_of_the_slot_is_refused(slot, member):
    services.book(by=member, slot=slot, **intake())
    with pytest.raises(services.SlotTaken):
        services.book(by=PersonFactory(), slot=slot, **intake())
    assert Consultation.objects.filter(slot=slot, status="booked").count() == 1


def test_the_database_refuses_two_live_bookings_of_one_slot(slot, member):
    from django.db import IntegrityError, transaction

    Consultation.objects.create(slot=slot, member=member, **intake())
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.create(slot=slot, member=PersonFactory(), **intake())


def test_cancelling_opens_the_slot_again(slot, member):
    consultation = services.book(by=member, slot=slot, **intake())
    services.cancel(by=member, consultation=consultation)
    assert list(selectors.open_slots()) == [slot]
    again = services.book(by=PersonFactory(), slot=slot, **intake())
    assert again.status == "booked"


def test_the_member_cannot_cancel_once_it_has_begun_but_the_coordinator_can(slot, member, coordinator):
    consultation = services.book(by=member, slot=slot, **intake())
    Slot.objects.filter(pk=slot.pk).update(starts_at=soon(days=-1))
    consultation = selectors.consultation(consultation.pk)
    with pytest.raises(PermissionDenied):
        services.cancel(by=member, consultation=consultation)
    assert services.cancel(by=coordinator, consultation=consultation).status == "cancelled"


def test_a_coordinator_cannot_book_their_own_slot_nor_anyone_a_past_one(slot, coordinator, member):
    with pytest.raises(PermissionDenied):
        services.book(by=coordinator, slot=slot, **intake())
    Slot.objects.filter(pk=slot.pk).update(starts_at=soon(days=-1))
    with pytest.raises(PermissionDenied):
        services.book(by=member, slot=Slot.objects.get(pk=slot.pk), **intake())


def test_slots_need_a_profile_a_future_time_one_place_and_no_overlap(coordinator, room, member):
    with pytest.raises(PermissionDenied):
        services.slot_publish(by=member, starts_at=soon(), minutes=60, online=True)
    with pytest.raises(ValidationError):
        services.slot_publish(by=coordinator, starts_at=soon(days=-1), minutes=60, online=True)
    with pytest.raises(ValidationError):
        services.slot_publish(by=coordinator, starts_at=soon(), minutes=60, facility=room, online=True)
    services.slot_publish(by=coordinator, starts_at=soon(), minutes=60, online=True)
    with pytest.raises(ValidationError):
        services.slot_publish(by=coordinator, starts_at=soon() + timedelta(minutes=30), minutes=60, facility=room)
    assert Slot.objects.count() == 1


def test_withdrawing_a_booked_slot_cancels_its_consultation(slot, coordinator, member):
    consultation = services.book(by=member, slot=slot, **intake())
    services.slot_withdraw(by=coordinator, slot=slot)
    consultation.refresh_from_db()
    assert consultation.status == "cancelled"
    assert list(selectors.open_slots()) == []


def test_open_slots_filter_by_field_and_qualification(space, operator, coordinator, room):
    other = make_coordinator(space, operator, qualifications=("sme-consultant",), fields=("it",), name="中村")
    mine = services.slot_publish(by=coordinator, starts_at=soon(), minutes=60, facility=room)
    theirs = services.slot_publish(by=other, starts_at=soon(), minutes=60, online=True)
    assert list(selectors.open_slots(field=Field.objects.get(code="it"))) == [theirs]
    assert list(selectors.open_slots(qualification=Qualification.objects.get(code="cpa"))) == [mine]


def test_notes_are_the_coordinators_and_their_text_stays_out_of_the_record(slot, coordinator, member):
    consultation = services.book(by=member, slot=slot, **intake())
    with pytest.raises(PermissionDenied):
        services.notes_save(by=member, consultation=consultation, private_note="x")
    services.notes_save(by=coordinator, consultation=consultation, private_note="秘密のメモ", follow_up="計画書を送る",
                        follow_up_on=soon().date())
    consultation.refresh_from_db()
    assert consultation.follow_up == "計画書を送る"
    action = Action.objects.get(verb="consultation.noted")
    assert "秘密のメモ" not in str(action.data)


def test_hand_off_to_matching_makes_a_consultation_opening_for_creators(slot, coordinator, member):
    consultation = services.book(by=member, slot=slot, **intake())
    services.hand_to_matching(by=coordinator, consultation=consultation, seeking="creator", skills=["ロゴ"],
                              creator_kinds=["design"])
    opening = Opening.objects.get()
    assert (opening.kind, opening.creator_kinds, opening.created_by) == ("consultation", ["design"], coordinator)
    assert [s.name for s in opening.skills_preferred.all()] == ["ロゴ"]
    consultation.refresh_from_db()
    assert consultation.opening == opening
    with pytest.raises(ValidationError):
        services.hand_to_matching(by=coordinator, consultation=consultation, seeking="expert")
    assert Action.objects.filter(verb="consultation.handed_off").count() == 1


def test_hand_off_to_a_team_invites_the_member_to_an_open_role(slot, coordinator, member, make_idea):
    consultation = services.book(by=member, slot=slot, **intake())
    idea = make_idea(PersonFactory())
    role = role_open(idea=idea, by=coordinator, kind="engineer")
    services.hand_to_team(by=coordinator, consultation=consultation, role=role, message="ぜひ")
    application = Application.objects.get()
    assert (application.person, application.direction) == (member, "invited")
    with pytest.raises(PermissionDenied):
        services.hand_to_team(by=PersonFactory(), consultation=consultation, role=role)


def test_only_the_operator_sets_profiles_and_only_for_coordinators(space, operator, member):
    with pytest.raises(PermissionDenied):
        services.profile_save(by=member, person=member, space=space)
    with pytest.raises(ValidationError):
        services.profile_save(by=operator, person=member, space=space)


def test_an_operator_cannot_take_over_another_spaces_coordinator(gunma, space, operator, coordinator):
    from yukemuri.consultations.models import CoordinatorProfile
    from yukemuri.space.tests.factories import make_space

    other_company = Organisation.objects.create(name="別の運営会社", kind=Organisation.Kind.COMPANY, verified=True)
    other_space = make_space(gunma, name="別の拠点", slug="other", operator=other_company)
    other_operator = PersonFactory()
    role_assign(person=other_operator, role=Role.OPERATOR)
    Membership.objects.create(organisation=other_company, person=other_operator)
    with pytest.raises(ValidationError) as refused:
        services.profile_save(by=other_operator, person=coordinator, space=other_space, introduction="うちの人です")
    assert list(refused.value.message_dict) == ["person"]  # the form shows it on the person field
    profile = CoordinatorProfile.objects.get(person=coordinator)
    assert profile.space == space and profile.introduction == ""
    # The operator of the coordinator's own space still manages them.
    services.profile_save(by=operator, person=coordinator, space=space, introduction="資金調達の相談")
    assert CoordinatorProfile.objects.get(person=coordinator).introduction == "資金調達の相談"
