"""A page cache for people who are not signed in, that never serves stale content.

Most visitors read without an account, and every one of them gets the same page. Their GET
responses are kept in the cache under the current *content generation*; any write to public
content (a post, a comment, a support, a moderation decision, a consent that shows or hides a
name) moves the generation on, so the next visitor gets a freshly rendered page. Signed-in people and
requests with a session are never given the anonymous copy, and responses that set cookies are never stored.
A page whose forms carry a CSRF token is stored with the token cut out (a *hole*, as below) and filled for each
reader with their own (`get_token`: Django's CSRF middleware, outside this one, sets or refreshes the reader's
cookie as for a rendered page). A page that shows more to a reader carrying some cookie (a conversation's
participant sees their progress) names it with `personal_cookie`: such a reader is never served the stored copy,
and their page is never stored.

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

The read API (/api/v1/) reads no person: its answers are cached for everyone, with or without a session.

**Signed-in pages** (docs/decisions/0012-signed-in-speed.md) are cached under the same generation, with
*holes* where a page shows the person's own state. A view says how it may be cached for signed-in people:

- `@shared_when_signed_in`: one copy for every *plain* signed-in person (no role, no staff flag, no
  organisation: what a registered viewer check says). Templates write the person's own state through
  `{% personal name arg %}` (core/templatetags/personal.py), which leaves a marker; the middleware fills the
  markers of a page — cached or just rendered — for the person asking, one small query per kind of state
  (fill functions registered by the apps with `register_hole`), and puts a fresh CSRF token in every form.
  A page may still differ for a few people (the author of a post sees their name and their held comments,
  a team lead sees the steering form): the view names them with `involve()` and `public_name` records every
  person it names; they get the page rendered for them, never the shared copy, and it is never stored.
- `@cached_per_person`: a page only its person sees (/me/, a conversation's next statement): cached per
  person and session, under the same generation, with the same holes.

Nothing else is cached for signed-in people, and no page with a message waiting for the person.

**One read** (docs/decisions/0039-signed-in-speed.md): a page from the cache costs one `get_many` — anonymous: the
generation and the page; signed in: the generation, the page, the session (cached_db), the hole versions and the
person as the cache knows them (`_Viewer`: their row, whether they get shared pages, their filled holes) — and no
query. Every entry holds the generation (and versions) it was made under and counts only while they are current.
Holes that read private rows (a person's notices) name a version that every write of those rows moves
(`bump_version`), as public writes move the generation.

Every page key names the release (core/release.py): after a deploy the new code never serves a page the old code
rendered, though the generation has not moved.
"""

import hashlib
import re
import time
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import DEFERRED
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from .release import release

GENERATION_KEY = "yukemuri:page-generation"
VERSION_PREFIX = "yukemuri:hole-version:"
VIEWER_PREFIX = "yukemuri:page-viewer:"
MAX_VIEWER_HOLES = 2000  # hole values kept per person (a person reading many pages starts again past it)
SKIP_PREFIXES = ("/admin/", "/static/", "/healthz", "/ngsi-ld/")  # NGSI-LD answers vary with Accept and Link
PUBLIC_API_PREFIX = "/api/v1/"  # reads no person (core/tests/test_pagecache.py checks the answers are the same)
# The parameters pages and the API read (the filter forms' fields and a few of the views' own). A request
# with any other parameter is answered but not cached; add a name here when a page starts reading it.
KNOWN_PARAMS = frozenset(
    {
        "area",
        "code",
        "comments",
        "date_from",
        "date_to",
        "event",
        "idea",
        "idea_status",
        "issue",
        "kind",
        "lang",
        "month",
        "municipality",
        "new",
        "original",
        "page",
        "page_size",
        "programme",
        "q",
        "sdg",
        "sector",
        "series",
        "skill",
        "skip",
        "sort",
        "stage",
        "status",
        "view",
        "when",
    }
)
MAX_VARIANTS = 50  # query strings cached per address and generation


def _fresh_generation() -> int:
    # Started from the clock, so a generation evicted from the cache and made again can never
    # equal an older one whose pages might still be stored.
    return time.time_ns() // 1000


def generation(key: str = GENERATION_KEY) -> int:
    """The content generation (or, with `key`, a hole's version: `version_key`), made from the clock if missing."""
    bump_rolled_back()
    value = cache.get(key)
    if value is None:
        advance = getattr(cache, "advance", None)
        if advance is not None:  # Redis (core/cache.py): from the one clock every app server shares
            return advance(key)
        cache.add(key, _fresh_generation(), timeout=None)
        value = cache.get(key) or _fresh_generation()
    return value


def version_key(name: str) -> str:
    """The counter of a hole's private rows (`register_hole(..., version=name)`)."""
    return f"{VERSION_PREFIX}{name}"


def bump(**kwargs) -> None:
    """Invalidate every cached page (connected to writes of public content).

    The bump that counts runs when the transaction commits: until then other connections read the old
    rows, and a page they render must not be stored under a generation that is meant to be fresh. The
    bump now as well only empties the cache once more — it keeps this connection's own later reads fresh
    (and tests, which never commit). Outside a transaction the write is committed already, and the bump
    now is the one that counts: on_commit would run at once and bump a second time for nothing."""
    _bump(GENERATION_KEY, kwargs.get("using"))


def bump_version(name: str, using=None) -> None:
    """A write of the private rows a hole reads (e.g. a person's notices): every person's cached state of that
    hole is read again. At once and at commit, as `bump`."""
    _bump(version_key(name), using)


def _bump(key: str, using) -> None:
    bump_now(key)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        pending = connection.__dict__.setdefault("_pagecache_pending", set())

        def committed():
            # One bump at commit per key, however many rows the transaction wrote (a drafted table: thousands of
            # queued callbacks): the first to run bumps and retires its siblings, which then do nothing.
            if committed not in pending:
                return
            pending.difference_update([callback for callback in pending if callback.key == key])
            bump_now(key)

        committed.key = key
        pending.add(committed)
        transaction.on_commit(committed, using=using)


def bump_rolled_back() -> None:
    """Bump once more for writes whose transaction (or savepoint) was rolled back since: Django has no hook
    for a rollback, but it drops the write's on_commit callback. A page this connection rendered from the
    rows before they were rolled back was stored under the generation of the first bump; it must not be
    served. Runs when a request starts (generation()) and ends (the middleware)."""
    for connection in connections.all(initialized_only=True):
        pending = connection.__dict__.get("_pagecache_pending")
        if pending:
            queued = {entry[1] for entry in connection.run_on_commit}
            dropped = [callback for callback in pending if callback not in queued]
            if dropped:
                pending.difference_update(dropped)
                for key in {callback.key for callback in dropped}:
                    bump_now(key)


def bump_now(key: str = GENERATION_KEY) -> None:
    advance = getattr(cache, "advance", None)
    if advance is not None:  # Redis: one atomic step to max(generation + 1, Redis's clock), shared by every server
        advance(key)
        return
    try:
        cache.incr(key)
    except ValueError:  # no generation yet, or evicted
        cache.set(key, _fresh_generation(), timeout=None)


def cacheable_request(request) -> bool:
    """Whether this request's page may be stored (the response decides too: see `_storable`). Such a page is
    rendered from the primary when there is a read replica (core/dbrouting.py): it is stored under the newest
    generation, so it must show the newest rows."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIP_PREFIXES)
        and (settings.SESSION_COOKIE_NAME not in request.COOKIES or request.path.startswith(PUBLIC_API_PREFIX))
        and "messages" not in request.COOKIES
        and KNOWN_PARAMS.issuperset(request.GET)
    )


# Holes: marker → the person's own state. The marker carries a secret of this site (from SECRET_KEY), so a
# text someone posts can never be taken for one and be filled with the reader's state or CSRF token.
_HOLE_SECRET = SimpleLazyObject(lambda: salted_hmac("yukemuri.pagecache.hole", "marker").hexdigest()[:16])
_HOLE_FORMAT = "<!--yk-hole-{secret}:{name}:{arg}-->"
_hole_pattern = SimpleLazyObject(lambda: re.compile(r"<!--yk-hole-" + str(_HOLE_SECRET) + r":([a-z_]+):([A-Za-z0-9_]*)-->"))
_CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(">)')
_holes: dict[str, tuple] = {}
_viewer_checks: list = []


def register_hole(name: str, *, states, render, version: str | None = None) -> None:
    """`states(request, args) -> {arg: state}` reads the person's state for every arg of a page at once (one
    query, args as strings); `render(arg, state) -> str` is the HTML, the same whether the page is cached or
    rendered. A person's filled holes are kept (with their signed-in state, see `_Viewer`) under the content
    generation: states read from public rows need nothing more. States read from private rows, which do not move
    the generation (a person's notices), name a `version`, and every write of those rows calls
    `bump_version(version)`."""
    _holes[name] = (states, render, version)


def register_viewer_check(check) -> None:
    """`check(user) -> bool`: True when pages may show this person more than holes hold (a role, an
    organisation): such people are never given a shared page. Every write that changes the answer must move
    the generation on (roles and memberships are public models), as the answer is cached under it."""
    _viewer_checks.append(check)


def shared_when_signed_in(view):
    view.page_cache_signed_in = "shared"
    return view


def cached_per_person(view):
    view.page_cache_signed_in = "person"
    return view


def sharing(request) -> bool:
    """The page is being rendered with holes (it may be stored for others): views call involve()."""
    return getattr(request, "_page_holes", False)


def involve(request, person_ids) -> None:
    """People for whom this page differs beyond its holes: they get it rendered for them, never shared."""
    involved = getattr(request, "_page_involved", None)
    if involved is not None:
        involved.update(pid for pid in person_ids if pid is not None)


def named(viewer, person) -> None:
    """A page names `person` to `viewer` (who sees their own name where others see a neutral label)."""
    involved = getattr(viewer, "page_involved", None)
    if involved is not None and person is not None:
        involved.add(person.pk)


def hole(request, name: str, arg="", state=None, known: bool = False):
    """The HTML of one hole: a marker while the page may be shared, else the state rendered at once."""
    states, render, _ = _holes[name]
    if sharing(request):
        return mark_safe(_HOLE_FORMAT.format(secret=_HOLE_SECRET, name=name, arg=arg))
    if not known:
        state = states(request, [str(arg)])[str(arg)]
    return mark_safe(render(str(arg), state))


def personal_cookie(request, name: str) -> None:
    """This page shows more to a reader who carries cookie `name` (a conversation's participant: their progress,
    their next statement): for them it is rendered, never taken from the anonymous cache nor stored there. The
    stored copy of the page (made for a reader without it) keeps the names, and the cache checks them on a hit."""
    names = getattr(request, "_page_cookies", None)
    if names is None:
        names = request._page_cookies = set()
    names.add(name)


def _parts(text: str) -> list[str]:
    """A page cut at its holes: text, name, arg, text, name, arg, …, text (filled by joining, without a search)."""
    return _hole_pattern.split(text)


def _fill(request, parts: list[str]) -> bytes:
    """The page for this person: every hole filled, from the person's kept values where they are fresh."""
    if len(parts) == 1:
        return parts[0].encode()
    viewer = getattr(request, "_page_viewer", None)
    known = viewer.holes if viewer is not None else {}
    language = getattr(request, "LANGUAGE_CODE", "")
    values, missing = {}, defaultdict(set)
    for index in range(1, len(parts), 3):
        name, arg = parts[index], parts[index + 1]
        if name == "csrf":
            values[name, arg] = None  # the reader's own token, never kept
        elif (language, name, arg) in known:
            values[name, arg] = known[language, name, arg]
        else:
            missing[name].add(arg)
    if ("csrf", "") in values:
        values["csrf", ""] = get_token(request)
    for name, args in missing.items():
        states, render, _ = _holes[name]
        found = states(request, sorted(args))
        for arg in args:
            values[name, arg] = value = str(render(arg, found[arg]))
            if viewer is not None:
                viewer.keep((language, name, arg), value)
    out = parts[:]
    for index in range(1, len(parts), 3):
        out[index] = values[parts[index], parts[index + 1]]
        out[index + 1] = ""
    return "".join(out).encode()


def fill_holes(request, content: bytes) -> bytes:
    return _fill(request, _parts(content.decode()))


def _csrf_holes(content: bytes) -> bytes:
    return _csrf_holes_text(content.decode()).encode()


def _csrf_holes_text(text: str) -> str:
    marker = _HOLE_FORMAT.format(secret=_HOLE_SECRET, name="csrf", arg="")
    return _CSRF_INPUT.sub(lambda match: match[1] + marker + match[2], text)


# A CSRF token (masked: 64 characters) or secret (32) standing alone, as it would anywhere in a page.
_CSRF_STRING = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z0-9]{64}|[A-Za-z0-9]{32})(?![A-Za-z0-9])")


def _keeps_token(request, text: str) -> bool:
    """Whether `text` (the page with its form tokens cut out) still holds this reader's CSRF secret, masked or
    not (a token written somewhere else than a form's hidden input): stored, it would hand their secret to every
    later reader, so such a page is never stored."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return False
    for match in _CSRF_STRING.finditer(text):
        found = match[0]
        if found == secret or (len(found) == CSRF_TOKEN_LENGTH and _unmask_cipher_token(found) == secret):
            return True
    return False


def _has_messages(request) -> bool:
    session = getattr(request, "session", None)
    return "messages" in request.COOKIES or bool(session is not None and session.get("_messages"))


def _address_digest(request) -> str:
    # Sorted by name (a name's values keep their order): the same filters in another order are one page.
    query = urlencode(
        sorted(((name, value) for name in request.GET for value in request.GET.getlist(name)), key=lambda pair: pair[0])
    )
    return hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]


def _version_keys() -> list[str]:
    return sorted({version_key(version) for _, _, version in _holes.values() if version})


class _Viewer:
    """A signed-in person as the page cache knows them, kept in the cache per session (key: an HMAC of the session
    key, so it changes with SECRET_KEY) and valid only under the content generation and hole versions it was made
    under: who the session's person is (their row, but the password), whether they get shared pages (`plain`: no
    role, no staff flag, no organisation — the viewer checks), and their filled holes per language.

    With it a signed-in page from the cache costs one read of the cache — the generation, the page, the session
    (cached_db), this and the hole versions, in one `get_many` — and no query: without it, the session, the
    person's row, the viewer checks and a query per kind of hole. It is used only while the session still names
    the same person with the same authentication hash (a password change moves the generation too) through a
    backend still configured, which is what `django.contrib.auth.get_user` checks."""

    __slots__ = ("backend", "dirty", "fields", "generation", "holes", "key", "pk", "plain", "session_hash", "versions")
    KEPT = ("generation", "versions", "pk", "session_hash", "backend", "fields", "plain", "holes")  # in the cache

    def __init__(self, key, generation, versions, user=None, session=None):
        self.key, self.generation, self.versions, self.dirty = key, generation, versions, True
        self.plain, self.holes = None, {}
        if user is not None:
            self.pk = user.pk
            self.session_hash = session.get(HASH_SESSION_KEY) or ""
            self.backend = session.get(BACKEND_SESSION_KEY)
            # The row as loaded, without the password hash (nothing a hole reads; kept out of the cache).
            self.fields = tuple(
                (field.attname, getattr(user, field.attname))
                for field in user._meta.concrete_fields
                if field.attname != "password"
            )

    def __getstate__(self):
        return tuple(getattr(self, name) for name in self.KEPT)

    def __setstate__(self, state):
        for name, value in zip(self.KEPT, state, strict=True):
            setattr(self, name, value)
        self.key, self.dirty = None, False

    def user_for(self, session):
        """The person, if this still describes the session's (else None: the full check runs)."""
        from django.contrib.auth import get_user_model

        if (
            session.get(SESSION_KEY) != str(self.pk)
            or session.get(BACKEND_SESSION_KEY) != self.backend
            or self.backend not in settings.AUTHENTICATION_BACKENDS
            or not self.session_hash
            or not constant_time_compare(session.get(HASH_SESSION_KEY) or "", self.session_hash)
        ):
            return None
        model = get_user_model()
        names = [field.attname for field in model._meta.concrete_fields]
        kept = dict(self.fields)
        if set(kept) | {"password"} != set(names):
            return None  # made by another version of the code
        return model.from_db(DEFAULT_DB_ALIAS, names, [kept.get(name, DEFERRED) for name in names])

    def keep(self, key, value) -> None:
        if len(self.holes) >= MAX_VIEWER_HOLES:
            self.holes = {}
        self.holes[key] = value
        self.dirty = True

    def save(self) -> None:
        if self.dirty and self.key:
            cache.set(self.key, self, settings.PAGE_CACHE_SECONDS)
            self.dirty = False


def _viewer_key(session_key: str) -> str:
    return f"{VIEWER_PREFIX}{release()}:" + salted_hmac("yukemuri.pagecache.viewer", session_key).hexdigest()[:32]


class AnonymousPageCacheMiddleware:
    """The page cache: anonymous pages, the read API for everyone, and signed-in pages with holes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self._respond(request)
        finally:
            bump_rolled_back()

    def _respond(self, request):
        key = self._key(request)
        if key is None:
            response = self.get_response(request)
            if sharing(request):
                response = self._signed_in_response(request, response)
            return response
        # One read for the generation and the page: the page counts only if stored under the current generation,
        # which is read before the view reads anything (see the module's docstring).
        bump_rolled_back()
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        cached = found.get(key)
        if cached is not None and cached[0] == current:
            status, headers, content, *rest = cached[1]
            personal = rest[0] if rest else ()
            if personal and not personal.isdisjoint(request.COOKIES):
                return self.get_response(request)  # a participant's own page: rendered, and not stored (_storable)
            # A page with forms is kept cut at its CSRF tokens: each reader gets their own.
            response = HttpResponse(content if isinstance(content, bytes) else _fill(request, content), status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            content = response.content
            if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page carries the reader's CSRF token
                text = _csrf_holes_text(content.decode())
                content = None if _keeps_token(request, text) else _parts(text)
            if content is not None and self._variant_allowed(request, f"yukemuri:page:{current}"):
                headers = [(k, v) for k, v in response.items() if k.lower() not in {"content-length", "set-cookie"}]
                personal = frozenset(getattr(request, "_page_cookies", ()))
                cache.set(key, (current, (response.status_code, headers, content, personal)), settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Signed-in pages: the shared or personal copy with its holes, or a note to store the page."""
        mode = getattr(view_func, "page_cache_signed_in", None)
        session = getattr(request, "session", None)
        if (
            mode is None
            or settings.PAGE_CACHE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or not KNOWN_PARAMS.issuperset(request.GET)
            or session is None
            or not session.session_key  # no (valid) session cookie: nobody is signed in
            or "messages" in request.COOKIES
        ):
            return None
        from .dbrouting import read_primary_from_now  # dbrouting imports this module

        # Who gets the shared copy and what is stored under the newest generation come from the newest rows.
        restore_reads = read_primary_from_now()
        language = getattr(request, "LANGUAGE_CODE", "")
        htmx = request.headers.get("HX-Request", "")
        if mode == "shared":
            key = f"yukemuri:page-signed-in:{release()}:{language}:{htmx}:{_address_digest(request)}"
        else:
            # Every cookie but the CSRF one is part of the key: the session (so one person's), and any a page reads
            # (a conversation's participant). The copy names its person too, checked below.
            cookies = sorted((name, value) for name, value in request.COOKIES.items() if name != settings.CSRF_COOKIE_NAME)
            person = hashlib.sha256(repr(cookies).encode()).hexdigest()[:32]
            key = f"yukemuri:page-person:{release()}:{person}:{language}:{htmx}:{_address_digest(request)}"
        viewer_key = _viewer_key(session.session_key)
        version_keys = _version_keys()
        keys = [GENERATION_KEY, key, viewer_key, *version_keys]
        # A cached_db session not read yet comes in the same read (what its own load() would do first).
        session_key = session.cache_key if hasattr(session, "cache_key") and not hasattr(session, "_session_cache") else None
        if session_key:
            keys.append(session_key)
        # One read for the generation, the page, the person and their session, before anything the page shows
        # (the viewer's roles included): each entry counts only while the generation it was made under is current.
        bump_rolled_back()
        found = cache.get_many(keys)
        current = found.get(GENERATION_KEY) or generation()
        versions = tuple(found.get(name) or generation(name) for name in version_keys)
        if session_key and found.get(session_key) is not None:
            session._session_cache = found[session_key]
        viewer = found.get(viewer_key)
        user = viewer.user_for(session) if viewer is not None and viewer.generation == current else None
        if user is not None:
            request._cached_user = user  # what AuthenticationMiddleware's request.user gives
            viewer.key = viewer_key
            if viewer.versions != versions:
                viewer.versions, viewer.holes, viewer.dirty = versions, {}, True
        else:
            user = request.user
            if not user.is_authenticated:
                restore_reads()
                return None
            viewer = _Viewer(viewer_key, current, versions, user, session)
        if _has_messages(request):
            restore_reads()
            return None
        if mode == "shared":
            if viewer.plain is None:
                viewer.plain, viewer.dirty = not any(check(user) for check in _viewer_checks), True
            if not viewer.plain:
                viewer.save()
                restore_reads()  # rendered for them, never stored
                return None
        request._page_viewer = viewer
        request._page_holes = True
        request._page_involved = user.page_involved = set()

        entry = found.get(key)
        cached = entry[1] if entry is not None and entry[0] == current else None
        if cached is not None:
            status, headers, parts, involved, owner = cached
            if user.pk not in involved and owner in (None, user.pk):
                response = HttpResponse(status=status)
                for name, value in headers:
                    response[name] = value
                response._page_parts = parts
                response["X-Page-Cache"] = "hit"
                return response
            restore_reads()
            return None  # rendered for this person, not stored
        request._page_store = key, current, (user.pk if mode == "person" else None)
        return None

    def _signed_in_response(self, request, response):
        viewer = getattr(request, "_page_viewer", None)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            if viewer is not None:
                viewer.save()
            return response
        parts = getattr(response, "_page_parts", None)
        if parts is None:
            # Just rendered: its CSRF tokens become holes too, filled with each reader's own.
            text = _csrf_holes_text(response.content.decode())
            parts = _parts(text)
            key, made_under, owner = getattr(request, "_page_store", (None, None, None))
            involved = request._page_involved
            if (
                key is not None
                and response.status_code == 200
                and not response.cookies
                and request.user.pk not in involved
                and self._variant_allowed(request, f"yukemuri:{key.split(':')[1]}:{made_under}")
                and not _keeps_token(request, text)
            ):
                headers = [(k, v) for k, v in response.items() if k.lower() not in {"content-length", "set-cookie"}]
                page = response.status_code, headers, parts, frozenset(involved), owner
                cache.set(key, (made_under, page), settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
        response.content = _fill(request, parts)
        if viewer is not None:
            viewer.save()
        return response

    @staticmethod
    def _key(request):
        if not cacheable_request(request):
            return None
        language = getattr(request, "LANGUAGE_CODE", "")
        htmx = request.headers.get("HX-Request", "")
        return f"yukemuri:page:{release()}:{language}:{htmx}:{_address_digest(request)}"

    @staticmethod
    def _variant_allowed(request, kind_and_generation) -> bool:
        """At most MAX_VARIANTS query strings of one address are stored per generation (the bare address
        always is). `kind_and_generation`: "yukemuri:<kind of page>:<generation>"."""
        if not request.GET:
            return True
        generation_part = ":".join(kind_and_generation.split(":")[1:3])  # the kind of page and its generation
        counter = "yukemuri:page-variants:" + hashlib.sha256(f"{generation_part}:{request.path}".encode()).hexdigest()[:32]
        cache.add(counter, 0, settings.PAGE_CACHE_SECONDS)
        try:
            return cache.incr(counter) <= MAX_VARIANTS
        except ValueError:  # evicted meanwhile
            return False

    @staticmethod
    def _storable(request, response) -> bool:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        messages = getattr(request, "_messages", None)
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # Cookies the middleware outside this one will set: a session or a message for this reader. (The CSRF
            # cookie it sets is the reader's own, filled in per request; kept in the session, it would be a write.)
            and not (session is not None and session.modified)
            and not (messages is not None and getattr(messages, "added_new", False))
            and not (settings.CSRF_USE_SESSIONS and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
            and "private" not in cache_control
            and "no-store" not in cache_control  # one reader's page (a participant's standing)
            and getattr(request, "_page_cookies", set()).isdisjoint(request.COOKIES)  # see personal_cookie
            and (user is None or not user.is_authenticated or request.path.startswith(PUBLIC_API_PREFIX))
        )
