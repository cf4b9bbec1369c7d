"""Reads of read-only requests from the read replica, everything else from the primary
(docs/decisions/0013-read-replica.md).

`ReplicaMiddleware` decides once per request whether its reads may go to the replica and keeps that in a
context variable; `PrimaryReplicaRouter` reads it. Reads go to the replica only inside a GET or HEAD request,
of a person who has not written in the last REPLICA_PIN_SECONDS (a signed cookie, set by any other request —
every POST — or by a request that wrote), whose page the anonymous page cache would not store (a page stored
under the newest content generation must be rendered from the newest rows), outside a transaction, and before
the request's first write. Background tasks, management commands and tests have no such request: they read
the primary. A replica that does not answer is left alone for REPLICA_RETRY_SECONDS, one that lags more than
REPLICA_MAX_LAG_SECONDS until it has caught up (measured at most once a second), and the primary answers instead.
"""

import contextvars
import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connections

from .pagecache import cacheable_request

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "yk_primary"
PIN_SALT = "yukemuri.core.dbrouting.pin"
SAFE_METHODS = ("GET", "HEAD")
# Tables whose reads must see the latest write whatever the request: the cache (page-cache generations, rate
# limits), sessions (a person who has just signed in), the task queue.
PRIMARY_ONLY_APPS = frozenset({"django_cache", "sessions", "django_tasks_database"})


class _Request:
    __slots__ = ("replica", "wrote")

    def __init__(self, replica: bool):
        self.replica = replica
        self.wrote = False


_request: contextvars.ContextVar[_Request | None] = contextvars.ContextVar("yukemuri_db_request", default=None)


@contextmanager
def use_primary():
    """Read the primary inside this block (e.g. what is stored in a cache under the newest version)."""
    state = _request.get()
    if state is None:
        yield
        return
    was, state.replica = state.replica, False
    try:
        yield
    finally:
        state.replica = was


def read_primary_from_now():
    """The rest of this request reads the primary: the signed-in page cache (core/pagecache.py) decides who sees
    a shared copy and may store what the view renders under the newest generation. Returns a function that
    gives the request back what it had, for a page that turns out not to be stored."""
    state = _request.get()
    if state is None:
        return lambda: None
    was, state.replica = state.replica, False

    def restore():
        state.replica = was
    return restore


class PrimaryReplicaRouter:
    """Writes to the primary; reads to the replica only where `ReplicaMiddleware` allowed it."""

    def db_for_read(self, model, **hints):
        state = _request.get()
        if state is None or not state.replica or state.wrote:
            return PRIMARY
        if model is not None and model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:  # a transaction reads what it is about to change
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        state = _request.get()
        if state is not None:
            state.wrote = True  # the rest of the request reads its own write, and the person is pinned
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class _ReplicaHealth:
    """Per process: whether the replica answered lately, and how far behind it was. A replica that failed is
    not tried again for REPLICA_RETRY_SECONDS (a dead host must not cost every request a connect timeout)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.lag_checked = 0.0
        self.lagging = False

    def usable(self) -> bool:
        now = time.monotonic()
        if now < self.down_until:
            return False
        connection = connections[REPLICA]
        try:
            connection.close_if_health_check_failed()
            connection.ensure_connection()
            max_lag = float(getattr(settings, "REPLICA_MAX_LAG_SECONDS", 0))
            if max_lag > 0 and connection.vendor == "postgresql":
                if now - self.lag_checked >= float(getattr(settings, "REPLICA_LAG_CHECK_SECONDS", 1)):
                    seconds = replica_lag(connection)
                    with self.lock:
                        self.lag_checked, self.lagging = now, seconds > max_lag
                    if self.lagging:
                        logger.warning("read replica %.1f s behind (over %s s): reading the primary", seconds, max_lag)
                if self.lagging:
                    return False
        except DatabaseError as error:
            with self.lock:
                self.down_until = now + float(getattr(settings, "REPLICA_RETRY_SECONDS", 5))
            logger.warning("read replica unavailable, reading the primary: %s", error)
            try:
                connection.close()
            except DatabaseError:
                pass
            return False
        return True


LAG_SQL = ("SELECT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE pid IS NOT NULL), "
           "CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
           "ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END")


def replica_lag(connection=None) -> float:
    """Seconds the replica is behind the primary: 0 when it has replayed all it received, else the age of the
    last transaction it replayed (every write older than that is there); infinite when it receives nothing (no
    WAL receiver: cut off from its primary, it would say 0 for ever). Also for the load benchmark."""
    connection = connection or connections[REPLICA]
    with connection.cursor() as cursor:
        cursor.execute(LAG_SQL)
        receiving, seconds = cursor.fetchone()
    return float(seconds or 0) if receiving else float("inf")


health = _ReplicaHealth()


class ReplicaMiddleware:
    """Lets a request's reads go to the replica where that is safe (module docstring), and pins whoever
    writes to the primary for REPLICA_PIN_SECONDS with a signed cookie: they see their own write at once, on
    every app server, however far the replica is behind."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = REPLICA in settings.DATABASES
        self.pin_seconds = int(getattr(settings, "REPLICA_PIN_SECONDS", 10))

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        state = _Request(self._may_read_replica(request))
        token = _request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if request.method not in SAFE_METHODS or state.wrote:
            response.set_signed_cookie(
                PIN_COOKIE, "1", salt=PIN_SALT, max_age=self.pin_seconds, httponly=True, samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def _may_read_replica(self, request) -> bool:
        if request.method not in SAFE_METHODS or self.pinned(request) or cacheable_request(request):
            return False
        return health.usable()

    def pinned(self, request) -> bool:
        return request.get_signed_cookie(PIN_COOKIE, default=None, salt=PIN_SALT, max_age=self.pin_seconds) is not None
