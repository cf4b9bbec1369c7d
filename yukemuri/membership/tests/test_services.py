"""Memberships, the desk and the rule closing forgotten visits."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yukemuri.actions.models import Action
from yukemuri.membership import selectors, services
from yukemuri.membership.models import MemberCard, Membership, Visit
from yukemuri.organisations.models import Membership as OrganisationMembership
from yukemuri.organisations.models import Organisation
from yukemuri.people.tests.factories import PersonFactory

from .conftest import MONDAY, at


def frozen(moment):
    return mock.patch("django.utils.timezone.now", new=lambda: moment)


def test_join_makes_a_membership_and_a_card(plans, member):
    with frozen(at(MONDAY, 9)):
        membership = services.join(by=member, plan=plans["hourly"])
    assert membership.starts_on == MONDAY and membership.ends_on is None
    assert MemberCard.objects.filter(person=member).count() == 1
    assert Action.objects.filter(verb="membership.joined").exists()


def test_one_membership_at_a_time_and_not_in_the_past(plans, member):
    with frozen(at(MONDAY, 9)):
        services.join(by=member, plan=plans["hourly"])
        with pytest.raises(ValidationError):
            services.join(by=member, plan=plans["individual"])
        with pytest.raises(ValidationError):
            services.join(by=PersonFactory(), plan=plans["hourly"], starts_on=MONDAY - timedelta(days=1))


def test_someone_else_only_by_the_operator(plans, member, operator):
    with pytest.raises(PermissionDenied):
        services.join(by=PersonFactory(), plan=plans["hourly"], person=member)
    assert services.join(by=operator, plan=plans["hourly"], person=member).person == member


def test_corporate_plan_is_for_an_organisation_one_belongs_to(plans, member):
    company = Organisation.objects.create(name="株式会社上州", kind=Organisation.Kind.COMPANY)
    with pytest.raises(ValidationError):
        services.join(by=member, plan=plans["corporate"])
    with pytest.raises(ValidationError):
        services.join(by=member, plan=plans["corporate"], organisation=company)
    OrganisationMembership.objects.create(organisation=company, person=member)
    membership = services.join(by=member, plan=plans["corporate"], organisation=company)
    assert membership.recipient == "株式会社上州"
    colleague = PersonFactory()
    services.named_member_add(by=member, membership=membership, person=colleague)
    assert selectors.membership_on(plans["corporate"].space, colleague, date.today()) == membership
    for _ in range(3):
        services.named_member_add(by=member, membership=membership, person=PersonFactory())
    with pytest.raises(ValidationError):  # five named members at most, the holder included
        services.named_member_add(by=member, membership=membership, person=PersonFactory())


def test_cancel_takes_effect_at_month_end(plans, member):
    with frozen(at(MONDAY, 9)):
        membership = services.join(by=member, plan=plans["individual"])
        services.cancel(by=member, membership=membership)
    membership.refresh_from_db()
    assert membership.ends_on == date(2026, 12, 31)
    with pytest.raises(PermissionDenied):
        services.cancel(by=PersonFactory(), membership=membership)


def test_change_of_plan_from_the_first_of_next_month(plans, member):
    with frozen(at(MONDAY, 9)):
        membership = services.join(by=member, plan=plans["hourly"])
        successor = services.change_plan(by=member, membership=membership, plan=plans["individual"])
    membership.refresh_from_db()
    assert membership.ends_on == date(2026, 12, 31)
    assert (successor.plan.code, successor.starts_on, successor.ends_on) == ("individual", date(2027, 1, 1), None)
    space = plans["hourly"].space
    assert selectors.membership_on(space, member, date(2026, 12, 31)).plan.code == "hourly"
    assert selectors.membership_on(space, member, date(2027, 1, 1)).plan.code == "individual"


def test_the_desk_checks_in_then_out(plans, member, operator):
    space = plans["hourly"].space
    with frozen(at(MONDAY, 9)):
        services.join(by=member, plan=plans["hourly"])
    code = MemberCard.objects.get(person=member).code
    typed = " " + code[:4].lower() + "-" + code[4:] + " "  # as typed: lower case, a hyphen, spaces
    visit, direction = services.desk_scan(by=operator, space=space, code=typed, at=at(MONDAY, 10))
    assert direction == "in" and visit.checked_out_at is None
    visit, direction = services.desk_scan(by=operator, space=space, code=code, at=at(MONDAY, 11, 30))
    assert direction == "out" and visit.checked_out_at == at(MONDAY, 11, 30)
    assert Action.objects.filter(verb__in=["space.checked_in", "space.checked_out"]).count() == 2
    with pytest.raises(ValidationError):
        services.desk_scan(by=operator, space=space, code="NOPE2345", at=at(MONDAY, 12))
    with pytest.raises(PermissionDenied):
        services.desk_scan(by=member, space=space, code=code, at=at(MONDAY, 12))


def test_no_valid_membership_no_check_in(plans, member, operator):
    space = plans["hourly"].space
    with frozen(at(MONDAY, 9)):
        membership = services.join(by=member, plan=plans["hourly"])
        services.cancel(by=member, membership=membership)
    code = MemberCard.objects.get(person=member).code
    with pytest.raises(ValidationError):
        services.desk_scan(by=operator, space=space, code=code, at=at(date(2027, 1, 4), 10))


def test_a_forgotten_check_out_closes_at_closing_time(plans, member, operator):
    space = plans["hourly"].space
    with frozen(at(MONDAY, 9)):
        services.join(by=member, plan=plans["hourly"])
    code = MemberCard.objects.get(person=member).code
    services.desk_scan(by=operator, space=space, code=code, at=at(MONDAY, 15))
    assert services.close_open_visits(now=at(MONDAY, 20)) == 0  # still open: the space closes at 21:00
    assert services.close_open_visits(now=at(MONDAY, 21, 5)) == 1
    visit = Visit.objects.get()
    assert visit.checked_out_at == at(MONDAY, 21) and visit.closed_by_rule
    saturday = date(2026, 12, 12)  # weekends close at 18:00
    services.desk_scan(by=operator, space=space, code=code, at=at(saturday, 16))
    # the next morning's scan closes yesterday's visit by the rule and checks in anew
    visit, direction = services.desk_scan(by=operator, space=space, code=code, at=at(saturday + timedelta(days=1), 10))
    assert direction == "in"
    assert Visit.objects.get(checked_in_at=at(saturday, 16)).checked_out_at == at(saturday, 18)


def test_a_visit_on_a_closed_day_closes_at_its_check_in(plans, member, operator):
    space = plans["hourly"].space
    space.weekly_hours.filter(day=0).delete()  # Mondays closed
    with frozen(at(MONDAY, 9)):
        services.join(by=member, plan=plans["hourly"])
    visit = Visit.objects.create(space=space, person=member, membership=Membership.objects.get(),
                                 checked_in_at=at(MONDAY, 12))
    assert services.close_time(visit) == at(MONDAY, 12)
