"""Which database each read goes to (core/dbrouting.py), request by request, without a replica: the decisions
only. test_replica.py shows them on a real primary and replica."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache.backends.db import DatabaseCache
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from yukemuri.core import dbrouting
from yukemuri.core.dbrouting import PIN_COOKIE, PIN_SALT, PRIMARY, REPLICA, PrimaryReplicaRouter, ReplicaMiddleware
from yukemuri.people.models import User

router = PrimaryReplicaRouter()


@pytest.fixture
def replica_up(monkeypatch):
    monkeypatch.setattr(dbrouting.health, "usable", lambda: True)


def serve(request, view=None):
    """Run `view` (by default: one read of a person) behind the middleware; return the response and where the
    view's reads went."""
    seen = []

    def default_view(request):
        seen.append(router.db_for_read(User))
        return HttpResponse("ok")

    def get_response(request):
        response = (view or default_view)(request)
        seen.append(router.db_for_read(User))  # at the end of the request too
        return response

    middleware = ReplicaMiddleware(get_response)
    middleware.enabled = True  # as with REPLICA_DATABASE_URL set
    return middleware(request), seen


def signed_in_get(path="/ideas/", **cookies):
    request = RequestFactory().get(path)
    request.COOKIES.update({"sessionid": "abc", **cookies})
    return request


def test_a_signed_in_persons_get_reads_the_replica(replica_up):
    response, seen = serve(signed_in_get())
    assert seen == [REPLICA, REPLICA]
    assert PIN_COOKIE not in response.cookies  # reading pins no one


def test_a_page_the_anonymous_page_cache_stores_is_read_from_the_primary(replica_up):
    """Stored under the newest content generation, it must show the newest rows."""
    _, seen = serve(RequestFactory().get("/ideas/"))
    assert seen == [PRIMARY, PRIMARY]
    _, seen = serve(RequestFactory().get("/ideas/", {"utm_source": "x"}))  # not stored: any server will do
    assert seen == [REPLICA, REPLICA]


def test_a_post_reads_the_primary_and_pins_the_writer_for_a_while(replica_up, settings):
    request = RequestFactory().post("/ideas/1/comments/", {"body": "x"})
    request.COOKIES["sessionid"] = "abc"
    response, seen = serve(request)
    assert seen == [PRIMARY, PRIMARY]
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == settings.REPLICA_PIN_SECONDS and cookie["httponly"] and cookie["samesite"] == "Lax"

    _, seen = serve(signed_in_get(**{PIN_COOKIE: cookie.value}))  # the next page: their own write, from the primary
    assert seen == [PRIMARY, PRIMARY]


def test_the_pin_ends_and_cannot_be_forged(replica_up, settings, monkeypatch):
    signer = signing.get_cookie_signer(salt=PIN_COOKIE + PIN_SALT)
    monkeypatch.setattr(signer, "timestamp", lambda: signing.b62_encode(int(time.time()) - settings.REPLICA_PIN_SECONDS - 1))
    expired = signer.sign("1")
    _, seen = serve(signed_in_get(**{PIN_COOKIE: expired}))
    assert seen == [REPLICA, REPLICA]
    _, seen = serve(signed_in_get(**{PIN_COOKIE: "1:forged:value"}))  # a bad cookie is no pin, and no error
    assert seen == [REPLICA, REPLICA]


def test_a_write_sends_the_rest_of_the_request_to_the_primary_and_pins(replica_up):
    def view(request):
        first = router.db_for_read(User)
        assert router.db_for_write(User) == PRIMARY
        return HttpResponse(f"{first} {router.db_for_read(User)}")

    response, seen = serve(signed_in_get(), view)
    assert response.content.decode() == f"{REPLICA} {PRIMARY}"
    assert seen == [PRIMARY]
    assert PIN_COOKIE in response.cookies


def test_reads_in_a_transaction_go_to_the_primary(replica_up, monkeypatch):
    def view(request):
        monkeypatch.setattr(dbrouting.connections[PRIMARY], "in_atomic_block", True)
        return HttpResponse(router.db_for_read(User))

    response, _ = serve(signed_in_get(), view)
    assert response.content.decode() == PRIMARY


def test_sessions_the_cache_and_the_task_queue_are_always_read_from_the_primary(replica_up):
    from django_tasks_db.models import DBTaskResult

    cache_model = DatabaseCache("yukemuri_cache", {}).cache_model_class

    def view(request):
        return HttpResponse(" ".join(router.db_for_read(model) for model in (Session, cache_model, DBTaskResult)))

    response, _ = serve(signed_in_get(), view)
    assert response.content.decode() == " ".join([PRIMARY] * 3)


def test_use_primary_reads_the_primary_inside_its_block(replica_up):
    def view(request):
        with dbrouting.use_primary():
            inside = router.db_for_read(User)
        return HttpResponse(f"{inside} {router.db_for_read(User)}")

    response, _ = serve(signed_in_get(), view)
    assert response.content.decode() == f"{PRIMARY} {REPLICA}"


def test_tasks_commands_and_other_methods_read_the_primary(replica_up):
    assert router.db_for_read(User) == PRIMARY  # no request: a task, a management command
    for method in ("put", "patch", "delete", "options"):
        _, seen = serve(getattr(RequestFactory(), method)("/api/v1/ideas"))
        assert seen == [PRIMARY, PRIMARY], method


def test_without_a_replica_the_middleware_does_nothing(settings):
    assert REPLICA not in settings.DATABASES
    response = ReplicaMiddleware(lambda request: HttpResponse(router.db_for_read(User)))(
        RequestFactory().post("/ideas/1/comments/"))
    assert response.content.decode() == PRIMARY and PIN_COOKIE not in response.cookies


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate(PRIMARY, "ideas") and not router.allow_migrate(REPLICA, "ideas")


class _DeadReplica:
    vendor = "postgresql"

    def __init__(self):
        self.attempts = 0

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        self.attempts += 1
        raise OperationalError("connection refused")

    def close(self):
        pass


def test_a_replica_that_does_not_answer_is_left_alone_for_a_while(monkeypatch, settings):
    dead = _DeadReplica()
    monkeypatch.setattr(dbrouting, "connections", {REPLICA: dead})
    health = dbrouting._ReplicaHealth()
    settings.REPLICA_RETRY_SECONDS = 60
    assert not health.usable() and dead.attempts == 1
    assert not health.usable() and dead.attempts == 1  # not tried again: no connect timeout on every request
    health.down_until = 0  # the retry time has come
    assert not health.usable() and dead.attempts == 2


class _LaggingReplica(_DeadReplica):
    def __init__(self, lag):
        super().__init__()
        self.lag = lag

    def ensure_connection(self):
        self.attempts += 1


def test_a_replica_too_far_behind_is_not_read(monkeypatch, settings):
    replica = _LaggingReplica(lag=45.0)
    monkeypatch.setattr(dbrouting, "connections", {REPLICA: replica})
    monkeypatch.setattr(dbrouting, "replica_lag", lambda connection: connection.lag)
    settings.REPLICA_MAX_LAG_SECONDS, settings.REPLICA_LAG_CHECK_SECONDS = 30, 0
    health = dbrouting._ReplicaHealth()
    assert not health.usable()
    replica.lag = 0.2
    assert health.usable()
    settings.REPLICA_MAX_LAG_SECONDS = 0  # no threshold: never asked
    replica.lag = 1000
    assert health.usable()


def settings_with(expect_ok=True, **env) -> dict:
    code = ("import json; from django.conf import settings; import django; django.setup(); "
            "print(json.dumps({'databases': settings.DATABASES, 'routers': settings.DATABASE_ROUTERS, "
            "'middleware': settings.MIDDLEWARE, 'pin': settings.REPLICA_PIN_SECONDS, "
            "'max_lag': settings.REPLICA_MAX_LAG_SECONDS}, default=str))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "yukemuri.settings_test", **env})
    assert (done.returncode == 0) == expect_ok, done.stderr[-2000:]
    return json.loads(done.stdout) if expect_ok else {"error": done.stderr}


def test_the_replica_is_configured_from_the_environment():
    primary = "postgres://app@db1:5432/yukemuri"
    made = settings_with(DATABASE_URL=primary, REPLICA_DATABASE_URL="postgres://reader@db2:5432/yukemuri",
                         REPLICA_PIN_SECONDS="12")
    replica = made["databases"]["replica"]
    assert (replica["HOST"], replica["USER"], replica["NAME"]) == ("db2", "reader", "yukemuri")
    assert replica["TEST"]["MIRROR"] == "default"  # the test suite needs no second database
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert replica["OPTIONS"]["server_side_binding"] is True  # as the primary's
    assert made["routers"] == ["yukemuri.core.dbrouting.PrimaryReplicaRouter"]
    assert made["middleware"].index("yukemuri.core.dbrouting.ReplicaMiddleware") < made["middleware"].index(
        "django.contrib.sessions.middleware.SessionMiddleware")
    assert made["pin"] == 12 and 0 < made["max_lag"] < 12  # read-your-writes however far the replica falls behind

    assert "replica" not in settings_with(DATABASE_URL=primary, REPLICA_DATABASE_URL="")["databases"]
    refused = settings_with(DATABASE_URL="sqlite:///x.sqlite3", REPLICA_DATABASE_URL="postgres://db2/y",
                            expect_ok=False)
    assert "needs DATABASE_URL to be the PostgreSQL primary" in refused["error"]


def test_replica_lag_command(monkeypatch):
    from io import StringIO

    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="no read replica"):
        call_command("replica_lag")

    monkeypatch.setitem(dbrouting.connections.settings, REPLICA, {})
    lags = iter([0.25, float("inf")])
    monkeypatch.setattr(dbrouting, "replica_lag", lambda: next(lags))
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    out = StringIO()
    call_command("replica_lag", stdout=out)
    assert out.getvalue() == "0.250\n"
    out = StringIO()
    lags = iter([1.5, float("inf")])
    call_command("replica_lag", "--every", "1", "--count", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == ["1.500", "inf"]
