"""How often each post is read, for the volunteers' queue (most-read first).

No page wrote a read count before, and a GET must never write to the database: a read is counted in the
cache (one atomic increment, also for pages served from the page cache — the middleware sits outside it), and
a periodic task (`flush_read_counts`: the command for cron, or the task) moves the counts into ReadCount.
The counters live in the shared cache (Redis in production, docs/deploy.md); with a per-process cache only
the reads seen by the process that flushes are kept. docs/decisions/0025-translations-of-posts.md."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.urls import Resolver404, resolve

from . import registry
from .models import ReadCount

PREFIX = "yukemuri:reads:"


def _key(kind: str, pk) -> str:
    return f"{PREFIX}{kind}:{pk}"


def note(path: str) -> bool:
    """Count one read of the post whose page is at `path` (a language prefix included); False if it is none."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    entry = registry.by_detail_url_name(match.url_name or "")
    if entry is None or "pk" not in match.kwargs:
        return False
    key = _key(entry.key, match.kwargs["pk"])
    if not cache.add(key, 1, timeout=None):
        try:
            cache.incr(key)
        except ValueError:  # evicted meanwhile: this one read is lost, nothing else
            return False
    return True


class ReadCounterMiddleware:
    """Counts successful GETs of posts' pages (placed after LocaleMiddleware, before the page cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200 and not request.headers.get("HX-Request"):
            note(request.path_info)
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
    decrement, so reads counted meanwhile stay for the next run). Returns the number of reads moved."""
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
