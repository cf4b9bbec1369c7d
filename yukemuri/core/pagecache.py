"""A page cache for people who are not signed in, that never serves stale content.

Most visitors read without an account, and every one of them gets the same page. Their GET
responses are kept in the cache under the current *content generation*; any write to public
content (a post, a comment, a support, a moderation decision, a consent that shows or hides a
name) moves the generation on, so the next visitor gets a freshly rendered page. Signed-in people,
requests with a session, and responses that set cookies (CSRF tokens on forms) are never cached.

The generation moves when the write's transaction commits (a reader before that would still see the old
rows), and a page is stored under the generation its request *started* with: a page rendered from data
read before a bump lands under the old generation and is never served after it.

Query strings are part of the key, so anyone could fill the cache with junk ones: only requests whose
parameters are all in KNOWN_PARAMS are cached, under a key with the parameters sorted, and at most
MAX_VARIANTS query strings per address and generation (the rest are rendered, not stored).

Several app servers share the generation through Redis (CACHE_URL=redis://…, core/cache.py): there it moves
in one atomic step to the larger of its value + 1 and Redis's own clock in microseconds, so it never goes back
— not when two servers bump at once, not when the key is evicted or Redis restarts empty — and a page
stored under an old generation is never served again (docs/deploy.md).
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

GENERATION_KEY = "yukemuri:page-generation"
SKIP_PREFIXES = ("/admin/", "/static/", "/healthz")
# The parameters pages and the API read (the filter forms' fields and a few of the views' own). A request
# with any other parameter is answered but not cached; add a name here when a page starts reading it.
KNOWN_PARAMS = frozenset({
    "area", "code", "comments", "date_from", "date_to", "event", "idea", "idea_status", "issue", "kind", "month",
    "municipality", "new", "page", "page_size", "programme", "q", "sdg", "sector", "series", "skill", "skip", "sort",
    "stage", "status", "view", "when",
})
MAX_VARIANTS = 50  # query strings cached per address and generation


def _fresh_generation() -> int:
    # Started from the clock, so a generation evicted from the cache and made again can never
    # equal an older one whose pages might still be stored.
    return time.time_ns() // 1000


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        advance = getattr(cache, "advance", None)
        if advance is not None:  # Redis (core/cache.py): from the one clock every app server shares
            return advance(GENERATION_KEY)
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or _fresh_generation()
    return value


def bump(**kwargs) -> None:
    """Invalidate every cached page (connected to writes of public content).

    The bump that counts runs when the transaction commits: until then other connections read the old
    rows, and a page they render must not be stored under a generation that is meant to be fresh. The
    bump now as well only empties the cache once more — it keeps this connection's own later reads fresh
    (and tests, which never commit). Outside a transaction the write is committed already, and the bump
    now is the one that counts: on_commit would run at once and bump a second time for nothing."""
    bump_now()
    if transaction.get_connection(kwargs.get("using")).in_atomic_block:
        transaction.on_commit(bump_now, using=kwargs.get("using"))


def bump_now() -> None:
    advance = getattr(cache, "advance", None)
    if advance is not None:  # Redis: one atomic step to max(generation + 1, Redis's clock), shared by every server
        advance(GENERATION_KEY)
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or evicted
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def cacheable_request(request) -> bool:
    """Whether this request's page may be stored (the response decides too: see `_storable`). Such a page is
    rendered from the primary when there is a read replica (core/dbrouting.py): it is stored under the newest
    generation, so it must show the newest rows."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIP_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and KNOWN_PARAMS.issuperset(request.GET)
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response) and self._variant_allowed(request, key):
            headers = [(k, v) for k, v in response.items() if k.lower() not in {"content-length", "set-cookie"}]
            cache.set(key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _key(request):
        if not cacheable_request(request):
            return None
        # Sorted by name (a name's values keep their order): the same filters in another order are one page.
        query = urlencode(sorted(((name, value) for name in request.GET for value in request.GET.getlist(name)),
                                 key=lambda pair: pair[0]))
        language = getattr(request, "LANGUAGE_CODE", "")
        htmx = request.headers.get("HX-Request", "")
        # The generation is read once, here, before the view reads anything: see the module's docstring.
        digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
        return f"yukemuri:page:{generation()}:{language}:{htmx}:{digest}"

    @staticmethod
    def _variant_allowed(request, key) -> bool:
        """At most MAX_VARIANTS query strings of one address are stored per generation (the bare address
        always is)."""
        if not request.GET:
            return True
        generation_part = key.split(":")[2]
        counter = "yukemuri:page-variants:" + hashlib.sha256(
            f"{generation_part}:{request.path}".encode()).hexdigest()[:32]
        cache.add(counter, 0, settings.PAGE_CACHE_SECONDS)
        try:
            return cache.incr(counter) <= MAX_VARIANTS
        except ValueError:  # evicted meanwhile
            return False

    @staticmethod
    def _storable(request, response) -> bool:
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page carries a CSRF token
            and (user is None or not user.is_authenticated)
        )
