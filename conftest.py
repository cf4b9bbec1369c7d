"""Fixtures shared by every app's tests."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests judge behaviour, not speed: on a loaded 2-core machine (CI, helpers running beside) an example
# can take longer than hypothesis' default 200 ms deadline, which failed a layout test once for no other reason.
hypothesis_settings.register_profile("yukemuri", deadline=None)
hypothesis_settings.load_profile("yukemuri")

# Playwright's sync API runs an event loop in the test thread; the ORM calls tests make there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).parent
GUNMA = ROOT / "yukemuri" / "regions" / "data" / "gunma"


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The static files collected once per test run as production serves them (DEBUG=0: whitenoise's
    compressed manifest). The app servers the tests start (tests/test_cluster.py, the benchmarks' smoke runs)
    link to this folder instead of each collecting its own: collecting compresses every file, about half a
    minute each time on 2 busy cores. Under pytest-xdist the workers share one collection (the first to ask
    collects it, under a lock, in the folder the workers' temporary folders share)."""
    import fcntl

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    var = shared / "collected-static"
    with open(shared / "collected-static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (var / "static" / "staticfiles.json").is_file():
            env = {k: v for k, v in os.environ.items()
                   if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL", "TASKS_BACKEND"}}
            env.update(DJANGO_SETTINGS_MODULE="yukemuri.settings", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
                       YUKEMURI_VAR_DIR=str(var))
            done = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT,
                                  env=env, capture_output=True, text=True, timeout=900)
            assert done.returncode == 0, f"collectstatic failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    static = var / "static"
    assert (static / "staticfiles.json").is_file()  # the manifest whitenoise serves the hashed names from
    return static


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """After each transactional test pytest-django empties every table (Django's flush); on PostgreSQL that is one
    TRUNCATE of all 90-odd tables, which makes new files for each table and index: about 3 s a test, minutes a run.
    Tables a test left nearly empty empty quicker with DELETE, in the same one transaction (the foreign keys Django
    makes are deferred: checked at the commit, when every table is empty). Flushes that restart the ids
    (reset_sequences, e.g. `manage.py flush`) or cascade still TRUNCATE."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED;",
                *(f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables)]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


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
    from yukemuri.translations import reads

    cache.clear()
    forget_memos()
    reads.forget()
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
