"""How often each post is read, for the volunteers' queue (most-read first).

No page wrote a read count before, and a GET must never write to the database: a read is counted in the
process (also for pages served from the page cache — the middleware sits outside it), the process adds its
counts to counters in the shared cache at most every PUSH_SECONDS (one increment per post read meanwhile), and a
periodic task (`flush_read_counts`: the command for cron, or the task) moves the counters into ReadCount.
The counters live in the shared cache (Redis in production, docs/deploy.md); with a per-process cache only
the reads seen by the process that flushes are kept. docs/decisions/0025-translations-of-posts.md.

Why not one increment in the cache per read: with the database cache an increment is a write transaction on
one row (a count of the table, a select, an update), so every reader of a popular post queued on that row's
lock, and a post's page served from the page cache ran at a quarter of the speed of a list
(docs/decisions/0039-signed-in-speed.md). The price: a process killed without exiting loses the reads of its
last PUSH_SECONDS (a gunicorn worker that exits pushes them), which only orders the translators' queue."""

import atexit
import logging
import threading
import time
from collections import Counter

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.urls import Resolver404, resolve

from . import registry
from .models import ReadCount

PREFIX = "yukemuri:reads:"
PUSH_SECONDS = 10.0
_counted: Counter = Counter()  # this process's reads not yet added to the shared counters
_lock = threading.Lock()
_pushed_at = time.monotonic()


def _key(kind: str, pk) -> str:
    return f"{PREFIX}{kind}:{pk}"


def note(path: str, match=None) -> bool:
    """Count one read of the post whose page is at `path` (a language prefix included); False if it is none.
    `match`: the path resolved already (a page the view answered; one from the page cache was never resolved)."""
    if match is None:
        try:
            match = resolve(path)
        except Resolver404:
            return False
    entry = registry.by_detail_url_name(match.url_name or "")
    if entry is None or "pk" not in match.kwargs:
        return False
    with _lock:
        _counted[_key(entry.key, match.kwargs["pk"])] += 1
    if time.monotonic() - _pushed_at >= PUSH_SECONDS:
        push()
    return True


def push() -> int:
    """Add this process's counted reads to the shared counters; returns the number of reads added."""
    global _pushed_at
    with _lock:
        counted = dict(_counted)
        _counted.clear()
        _pushed_at = time.monotonic()
    for key, reads in counted.items():
        if not cache.add(key, reads, timeout=None):
            try:
                cache.incr(key, reads)
            except ValueError:  # evicted meanwhile: these reads are lost, nothing else
                continue
    return sum(counted.values())


def forget() -> None:
    """Drop this process's counted reads (tests start each with none, as they start with an empty cache)."""
    with _lock:
        _counted.clear()


def _push_at_exit() -> None:
    try:
        if _counted:
            push()
    except Exception:  # the database or cache is gone: these reads are lost, nothing else
        logging.getLogger(__name__).info("read counts of this process lost at exit", exc_info=True)


atexit.register(_push_at_exit)


class ReadCounterMiddleware:
    """Counts successful GETs of posts' pages (placed after LocaleMiddleware, before the page cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200 and not request.headers.get("HX-Request"):
            note(request.path_info, getattr(request, "resolver_match", None))
        return response


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def flush(batch: int = 500) -> int:
    """Add the counted reads of every public post to ReadCount and take them off the cache's counters (by
    decrement, so reads counted meanwhile stay for the next run). Returns the number of reads moved. Reads
still counted in other processes come with a later run."""
    push()
    moved = 0
    for entry in registry.all_entries():
        if not entry.detail_url_name:
            continue
        content_type = entry.content_type()
        for ids in _chunks(entry.public().values_list("pk", flat=True).iterator(), batch):
            keys = {_key(entry.key, pk): pk for pk in ids}
            for key, reads in cache.get_many(list(keys)).items():
                if not reads:
                    continue
                with transaction.atomic():
                    counted = ReadCount.objects.filter(content_type=content_type, object_id=keys[key])
                    if not counted.update(count=F("count") + reads):
                        ReadCount.objects.create(content_type=content_type, object_id=keys[key], count=reads)
                cache.decr(key, reads)
                moved += reads
    return moved
