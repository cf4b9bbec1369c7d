"""The registry's rules: who may change what, whole yen only, sums of public rounds."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from yukemuri.core.models import Visibility
from yukemuri.core.testing import count_queries
from yukemuri.organisations.services import membership_add
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.startups import selectors, services
from yukemuri.startups.models import FundingRound, Participation, Startup

from .factories import ProgrammeFactory, StartupFactory, coordinator

DAY = date(2024, 5, 1)


@pytest.fixture
def startup(db):
    return StartupFactory()


@pytest.fixture
def member(startup):
    person = PersonFactory(display_name="創業者")
    membership_add(organisation=startup.organisation, person=person)
    return person


def add_round(startup, by, amount, **kwargs):
    kwargs.setdefault("kind", FundingRound.Kind.EQUITY)
    return services.funding_round_add(startup=startup, by=by, date=kwargs.pop("date", DAY), amount_yen=amount,
                                      **kwargs)


def test_members_and_stewards_edit_the_profile_others_do_not(startup, member, other_person):
    services.startup_update(startup=startup, by=member, stage="series_a", sector="health", pitch=" 医療DX ")
    startup.refresh_from_db()
    assert (startup.stage, startup.sector, startup.pitch) == ("series_a", "health", "医療DX")
    for outsider in (other_person, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.startup_update(startup=startup, by=outsider, stage="seed", sector="health")
    for role in (Role.COORDINATOR, Role.MUNICIPAL_STAFF, Role.ADMINISTRATOR):
        steward = PersonFactory()
        role_assign(person=steward, role=role)
        services.startup_update(startup=startup, by=steward, stage="exited", sector="health")
    services.startup_update(startup=startup, by=PersonFactory(is_staff=True), stage="closed", sector="health")
    assert Startup.objects.get().stage == "closed"


def test_membership_of_another_organisation_gives_no_right(startup, other_person):
    membership_add(organisation=OrganisationFactory(), person=other_person)
    with pytest.raises(PermissionDenied):
        add_round(startup, other_person, 1_000_000)
    with pytest.raises(PermissionDenied):
        services.progress_post(startup=startup, by=other_person, text="勝手な報告")


@pytest.mark.parametrize("amount", [1_000_000.0, Decimal("1000000"), True, 0, -5, "1000000", 10**13 + 1])
def test_rounds_are_whole_positive_yen_only(startup, member, amount):
    with pytest.raises(ValidationError) as error:
        add_round(startup, member, amount)
    assert "amount_yen" in error.value.error_dict
    assert not FundingRound.objects.exists()


def test_round_rejects_future_dates_and_unknown_kinds(startup, member):
    with pytest.raises(ValidationError):
        add_round(startup, member, 100, date=timezone.localdate() + timedelta(days=2))
    with pytest.raises(ValidationError):
        add_round(startup, member, 100, kind="gift")


def test_money_raised_sums_public_rounds_as_int_in_one_query(startup, member):
    add_round(startup, member, 3_000_000, kind="grant")
    add_round(startup, member, 20_000_000)
    add_round(startup, member, 999_999_999, is_public=False)
    with count_queries() as captured:
        raised = selectors.money_raised(startup)
    assert len(captured) == 1
    assert raised == 23_000_000 and type(raised) is int
    listed = selectors.startup_list().get(pk=startup.pk)
    assert listed.raised == 23_000_000 and type(listed.raised) is int


def test_sums_are_not_multiplied_by_programmes_and_totals_add_up(startup, member):
    other = StartupFactory()
    StartupFactory()  # raised nothing: counts as 0, not None
    steward = coordinator()
    first, second = ProgrammeFactory(), ProgrammeFactory()
    for programme in (first, second):
        services.participation_set(startup=startup, programme=programme, by=steward, year=2024)
    add_round(startup, member, 1_500_000)
    add_round(startup, member, 500_000)
    add_round(other, steward, 7_000_000)
    add_round(other, steward, 1, is_public=False)
    in_first = selectors.startup_list().filter(pk__in=Participation.objects.filter(programme=first).values("startup"))
    assert [s.raised for s in in_first] == [2_000_000]
    everything = selectors.startup_list()
    assert sorted(s.raised for s in everything) == [0, 2_000_000, 7_000_000]
    total = selectors.total_raised(everything)
    assert total == 9_000_000 and type(total) is int
    assert selectors.total_raised(in_first) == 2_000_000
    assert selectors.total_raised(everything.order_by("-raised")) == 9_000_000


def test_only_stewards_record_programmes(startup, member):
    programme = ProgrammeFactory(fiscal_year=2024)
    with pytest.raises(PermissionDenied):
        services.participation_set(startup=startup, programme=programme, by=member, year=2024, outcome="awarded")
    steward = coordinator()
    services.participation_set(startup=startup, programme=programme, by=steward, year=2024)
    services.participation_set(startup=startup, programme=programme, by=steward, year=2025, outcome="awarded")
    assert list(Participation.objects.values_list("year", "outcome")) == [(2025, "awarded")]
    with pytest.raises(ValidationError):
        services.participation_set(startup=startup, programme=programme, by=steward, year=2019)
    with pytest.raises(PermissionDenied):
        services.programme_create(by=member, name="ピッチ", kind="pitch", fiscal_year=2025)
    assert services.programme_create(by=steward, name="ピッチ", kind="pitch", fiscal_year=2025).pk


def test_registering_needs_a_startup_organisation_one_belongs_to(person, other_person):
    organisation = OrganisationFactory(kind="startup")
    with pytest.raises(PermissionDenied):
        services.startup_register(organisation=organisation, by=other_person, sector="software")
    membership_add(organisation=organisation, person=person)
    startup = services.startup_register(organisation=organisation, by=person, sector="software")
    assert startup.organisation == organisation and startup.stage == Startup.Stage.IDEA
    with pytest.raises(ValidationError):
        services.startup_register(organisation=organisation, by=person, sector="software")
    npo = OrganisationFactory(kind="npo")
    membership_add(organisation=npo, person=person)
    with pytest.raises(PermissionDenied):
        services.startup_register(organisation=npo, by=person, sector="software")
    with pytest.raises(ValidationError):  # stewards pass the permission; the kind still must be startup
        services.startup_register(organisation=npo, by=coordinator(), sector="software")


def test_creating_a_startup_makes_its_organisation_with_the_creator_as_admin(person):
    startup = services.startup_create(name="株式会社 新規（テスト）", by=person, sector="energy", stage="pre_seed")
    assert startup.organisation.kind == "startup" and not startup.organisation.verified
    assert startup.organisation.memberships.get().person == person
    services.startup_update(startup=startup, by=person, stage="seed", sector="energy")


def test_updates_are_sanitised_markdown_and_hidden_ones_are_not_listed(startup, member):
    update = services.progress_post(startup=startup, by=member, text="**実証開始** <script>x()</script>")
    assert "<strong>実証開始</strong>" in update.text_html and "<script" not in update.text_html
    assert update.date == timezone.localdate() and update.author == member
    with pytest.raises(ValidationError):
        services.progress_post(startup=startup, by=member, text="   ")
    ProgressUpdate = type(update)
    ProgressUpdate.objects.filter(pk=update.pk).update(visibility=Visibility.HIDDEN)
    assert list(selectors.updates_of(startup)) == []
    with pytest.raises(PermissionDenied):
        services.progress_delete(update=update, by=PersonFactory())
    services.progress_delete(update=update, by=member)
    assert not ProgressUpdate.objects.exists()
