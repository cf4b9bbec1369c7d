"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests judge behaviour, not speed: on a loaded 2-core machine (CI, helpers running beside) an example
# can take longer than hypothesis' default 200 ms deadline, which failed a layout test once for no other reason.
hypothesis_settings.register_profile("yukemuri", deadline=None)
hypothesis_settings.load_profile("yukemuri")

# Playwright's sync API runs an event loop in the test thread; the ORM calls tests make there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

GUNMA = Path(__file__).parent / "yukemuri" / "regions" / "data" / "gunma"


@pytest.fixture
def gunma(db):
    """Gunma's prefecture, areas and 35 municipalities, plus the SDGs (re-made after a flush)."""
    from yukemuri.regions.loader import load_region_folder
    from yukemuri.topics.models import SDGGoal
    from yukemuri.topics.sdgs import SDG_GOALS

    if SDGGoal.objects.count() != 17:
        for number, name_ja, name_en, colour in SDG_GOALS:
            SDGGoal.objects.update_or_create(
                number=number, defaults={"name_ja": name_ja, "name_en": name_en, "colour": colour}
            )
    from yukemuri.events.kinds import ensure_kinds

    ensure_kinds()  # made by a migration, so gone after a transactional test's flush
    return load_region_folder(GUNMA).prefecture


@pytest.fixture
def municipality(gunma):
    from yukemuri.regions.models import Municipality

    return Municipality.objects.get(code="102083")  # 渋川市


@pytest.fixture
def person(db):
    from yukemuri.people.tests.factories import PersonFactory

    return PersonFactory()


@pytest.fixture
def other_person(db):
    from yukemuri.people.tests.factories import PersonFactory

    return PersonFactory()


@pytest.fixture
def moderator(db):
    from yukemuri.people.models import Role
    from yukemuri.people.services import role_assign
    from yukemuri.people.tests.factories import PersonFactory

    person = PersonFactory(display_name="モデレーター")
    role_assign(person=person, role=Role.MODERATOR)
    return person


@pytest.fixture
def make_issue(gunma):
    from yukemuri.issues.services import issue_create
    from yukemuri.regions.models import Municipality

    def make(author, title="空き家が増えている", body="旧市街で空き家が増えています。", code="102083", **kwargs):
        kwargs.setdefault("place", {"municipality": Municipality.objects.get(code=code)} if code else None)
        return issue_create(author=author, title=title, body=body, **kwargs)

    return make


@pytest.fixture
def make_idea(gunma):
    from yukemuri.ideas.services import idea_create
    from yukemuri.regions.models import Municipality

    def make(author, title="空き家活用スタートアップ", body="空き家の情報を集めて活用する。", code="102083", **kwargs):
        kwargs.setdefault("place", {"municipality": Municipality.objects.get(code=code)} if code else None)
        return idea_create(author=author, title=title, body=body, **kwargs)

    return make


@pytest.fixture(autouse=True)
def _fresh_state():
    """Every test starts in Japanese (the default) with no rate-limit counters in the cache."""
    from django.core.cache import cache
    from django.utils import translation

    from yukemuri.regions.selectors import forget_memos

    cache.clear()
    forget_memos()
    translation.activate("ja")
    yield
    translation.activate("ja")
    cache.clear()


@pytest.fixture
def coordinator(db):
    from yukemuri.people.models import Role
    from yukemuri.people.services import role_assign
    from yukemuri.people.tests.factories import PersonFactory

    person = PersonFactory(display_name="コーディネーター")
    role_assign(person=person, role=Role.COORDINATOR)
    return person


@pytest.fixture
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}


def pytest_collection_modifyitems(items):
    """Mark tests that touch no database as `pure`: the PostgreSQL pass of `make test` leaves them out,
    since they already ran in the SQLite pass and a second run would test nothing new."""
    import pytest

    for item in items:
        if (not DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("django_db")
                and not item.get_closest_marker("postgresql")):  # those use the database by themselves
            item.add_marker(pytest.mark.pure)


@pytest.fixture
def roles(db):
    """One person of each standing role for the permission grids (each app's tests/test_rules.py): `anonymous`
    is not signed in, `resident` holds no role, `inactive` is a resident whose account is switched off, `staff`
    is site staff (is_staff) without a role. Object roles (author, owner, team lead...) are made per test."""
    from django.contrib.auth.models import AnonymousUser

    from yukemuri.people.models import Role
    from yukemuri.people.services import role_assign
    from yukemuri.people.tests.factories import PersonFactory

    people = {"anonymous": AnonymousUser(), "resident": PersonFactory(), "inactive": PersonFactory(is_active=False),
              "staff": PersonFactory(is_staff=True)}
    for role in (Role.MUNICIPAL_STAFF, Role.COORDINATOR, Role.MODERATOR, Role.ADMINISTRATOR):
        people[role] = PersonFactory()
        role_assign(person=people[role], role=role)
    return people



class Rollback(Exception):
    """Raised inside a transaction to roll it back (the `rolled_back` fixture)."""


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and its transaction's on-commit callbacks (the receivers of the action stream)."""
    def run(change):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            result = change()
        assert callbacks
        return result
    return run


@pytest.fixture
def rolled_back(django_capture_on_commit_callbacks):
    """Run a change inside a transaction that then fails: nothing may be left to run."""
    from django.db import transaction

    def run(change):
        with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Rollback):
            with transaction.atomic():
                change()
                raise Rollback
        assert callbacks == []
    return run
