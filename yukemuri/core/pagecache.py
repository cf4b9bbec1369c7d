"""A page cache for people who are not signed in, that never serves stale content.

Most visitors read without an account, and every one of them gets the same page. Their GET
responses are kept in the cache under the current *content generation*; any write to public
content (a post, a comment, a support, a moderation decision, a consent that shows or hides a
name) moves the generation on, so the next visitor gets a freshly rendered page. Signed-in people,
requests with a session, and responses that set cookies (CSRF tokens on forms) are never cached.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "yukemuri:page-generation"
SKIP_PREFIXES = ("/admin/", "/static/", "/healthz")


def _fresh_generation() -> int:
    # Started from the clock, so a generation evicted from the cache and made again can never
    # equal an older one whose pages might still be stored.
    return time.time_ns() // 1000


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or _fresh_generation()
    return value


def bump(**kwargs) -> None:
    """Invalidate every cached page (connected to writes of public content)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or evicted
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


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
        if self._storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in {"content-length", "set-cookie"}]
            cache.set(key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _key(request):
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(SKIP_PREFIXES)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
        ):
            return None
        language = getattr(request, "LANGUAGE_CODE", "")
        htmx = request.headers.get("HX-Request", "")
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        return f"yukemuri:page:{generation()}:{language}:{htmx}:{digest}"

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
