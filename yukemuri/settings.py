"""Settings for yukemuri, read from the environment.

Development (`make run`) sets DEBUG=1 and gets a generated secret key kept in var/.
Production (DEBUG unset or 0) refuses to start without SECRET_KEY and is secure by default,
so that `manage.py check --deploy` passes with no warnings.
"""

import json
import os
import secrets
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("YUKEMURI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def default_site_url(host: str, port: str) -> str:
    """The address of a development server on HOST:PORT, as a browser on this machine reaches it."""
    host = host.strip() or "127.0.0.1"
    if host in ("0.0.0.0", "::", "[::]"):  # noqa: S104 — listening everywhere: the loopback answers too
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port.strip() or '8000'}"


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def word_vectors_setting(value: str) -> str | None:
    """LISTENING_WORD_VECTORS: a package name, or "none"/"off"/empty for none (a wrong name fails at first use,
    with the setting named: listening/topic_options.py)."""
    value = value.strip()
    return None if value.lower() in ("", "none", "off", "0", "false") else value


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production mode (DEBUG=0) refuses to start without one; "
            "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    # Development only: a random key kept outside the repository, stable across restarts.
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "yukemuri.core",
    "yukemuri.topics",
    "yukemuri.regions",
    "yukemuri.facilities",
    "yukemuri.maps",
    "yukemuri.people",
    "yukemuri.organisations",
    "yukemuri.moderation",
    "yukemuri.translations",
    "yukemuri.attachments",
    "yukemuri.issues",
    "yukemuri.events",
    "yukemuri.ideas",
    "yukemuri.workshops",
    "yukemuri.teams",
    "yukemuri.funding",
    "yukemuri.points",
    "yukemuri.ties",
    "yukemuri.startups",
    "yukemuri.kpi",
    "yukemuri.visions",
    "yukemuri.notifications",
    "yukemuri.privacy",
    "yukemuri.matching",
    "yukemuri.help",
    "yukemuri.communities",
    "yukemuri.support",
    "yukemuri.listening",
    "yukemuri.surveys",
    "yukemuri.space",
    "yukemuri.membership",
    "yukemuri.consultations",
    "yukemuri.calls",
    "yukemuri.operations",
    "yukemuri.opendata",
    "yukemuri.ngsild",
    "yukemuri.demo",
    "yukemuri.actions",
    "yukemuri.oidc",
    "yukemuri.site",
    # OpenID Connect sign-in (docs/decisions/0028-openid-connect.md): allauth runs the protocol; its providers are
    # yukemuri.oidc's (with a nonce), so allauth's own openid_connect and line apps are not installed.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "yukemuri.core.dbrouting.ReplicaMiddleware",  # before anything reads the database (sessions, the page cache)
    "yukemuri.core.middleware.ContentSecurityPolicyMiddleware",
    "yukemuri.core.furigana.FuriganaMiddleware",  # outside the page cache: readings on cached pages too
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "yukemuri.core.api.APILanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",  # allauth's request context (sign-in providers)
    "django.contrib.messages.middleware.MessageMiddleware",
    # Counts reads of posts' pages in the cache, cached pages too (translations/reads.py): outside the page cache.
    "yukemuri.translations.reads.ReadCounterMiddleware",
    "yukemuri.core.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

FORM_RENDERER = "yukemuri.core.forms_renderer.FormRenderer"
ROOT_URLCONF = "yukemuri.urls"
WSGI_APPLICATION = "yukemuri.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "yukemuri.core.context_processors.site",
                "yukemuri.notifications.context_processors.unread",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'yukemuri.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of failing.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding lets psycopg prepare the queries a page repeats: planning the list joins
    # costs more than running them (docs/decisions/0005-postgresql.md).
    if env_bool("PG_PREPARED_STATEMENTS", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
# A streaming read replica of the PostgreSQL primary (docs/decisions/0013-read-replica.md): the reads of read-only
# requests go there, except for whoever wrote in the last REPLICA_PIN_SECONDS. The tests mirror it to default.
if os.environ.get("REPLICA_DATABASE_URL"):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("REPLICA_DATABASE_URL needs DATABASE_URL to be the PostgreSQL primary")
    DATABASES["replica"] = {
        **dj_database_url.parse(os.environ["REPLICA_DATABASE_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
                                conn_health_checks=True),
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}),
                    "connect_timeout": env_int("REPLICA_CONNECT_TIMEOUT", 2)},  # a dead host costs 2 s, then is left alone
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["yukemuri.core.dbrouting.PrimaryReplicaRouter"]
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
# Further behind, the replica is not read (0: no limit). Kept below the pin, so that a write whose pin has ended
# is on the replica whenever the replica is read: read-your-writes holds, however far the replica falls behind.
REPLICA_MAX_LAG_SECONDS = env_float("REPLICA_MAX_LAG_SECONDS", REPLICA_PIN_SECONDS / 2)
REPLICA_RETRY_SECONDS = env_float("REPLICA_RETRY_SECONDS", 5)  # after the replica failed to answer
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches back the rate limits. Redis is atomic and shared by every worker (production);
# the database cache is shared by every process of one installation (the default).
# Several app servers share one Redis (docs/deploy.md): cache, sessions, rate limits, page-cache generation.
CACHE_URL = os.environ.get("CACHE_URL", "db")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    # core/cache.py: Django's RedisCache with atomic counters (rate limits, the page cache's generation).
    CACHES = {"default": {"BACKEND": "yukemuri.core.cache.RedisCache", "LOCATION": CACHE_URL}}
    # Sessions are read from Redis and kept in the database as well: losing Redis signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "yukemuri_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},  # pages of the anonymous page cache, besides rate limits
        }
    }
    # Shared by every process too: a signed-in page from the page cache reads the session in the same one read
    # of the cache as the page (core/pagecache.py, docs/decisions/0039-signed-in-speed.md).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# See docs/decisions/0003-rate-limits.md: these backends are the documented trade-off.
# Anonymous GET pages are served from the cache until any public content changes (core/pagecache.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_VIEW = "yukemuri.site.views.rate_limited"
# Behind a reverse proxy every client arrives from the proxy's address: name where the real one is, either a
# request.META key holding one address (e.g. HTTP_X_REAL_IP) or a function's dotted path, such as
# yukemuri.core.ratelimits.forwarded_for_ip (the last address in X-Forwarded-For). Unset: REMOTE_ADDR.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"


def oidc_providers() -> dict:
    """Sign-in providers from the environment (docs/decisions/0028-openid-connect.md); none set: none offered.

    LINE: OIDC_LINE_CLIENT_ID, OIDC_LINE_CLIENT_SECRET (the LINE Login channel), OIDC_LINE_NAME.
    Any OpenID Connect provider (a municipality's Entra ID or Google Workspace, later the マイナンバーカード
    provider): OIDC_PROVIDERS=staff,mynumber, then for each id OIDC_<ID>_SERVER_URL (the issuer),
    OIDC_<ID>_CLIENT_ID, OIDC_<ID>_CLIENT_SECRET and OIDC_<ID>_NAME (the button's name)."""
    providers = {}
    if os.environ.get("OIDC_LINE_CLIENT_ID"):
        providers["line"] = {
            "APPS": [{"client_id": os.environ["OIDC_LINE_CLIENT_ID"], "secret": os.environ.get("OIDC_LINE_CLIENT_SECRET", ""),
                      "name": os.environ.get("OIDC_LINE_NAME", "LINE"), "settings": {"oauth_pkce_enabled": True}}],
            "SCOPE": ["profile", "openid", "email"],  # openid: an ID token (its nonce is checked); email: if granted
            "OAUTH_PKCE_ENABLED": True,
        }
    apps = []
    for provider_id in env_list("OIDC_PROVIDERS", []):
        key = provider_id.upper().replace("-", "_")
        missing = [f"OIDC_{key}_{name}" for name in ("SERVER_URL", "CLIENT_ID") if not os.environ.get(f"OIDC_{key}_{name}")]
        if missing or provider_id == "line":
            raise ImproperlyConfigured(f"sign-in provider {provider_id!r}: set {', '.join(missing) or 'another id'}")
        apps.append({"provider_id": provider_id, "name": os.environ.get(f"OIDC_{key}_NAME", provider_id),
                     "client_id": os.environ[f"OIDC_{key}_CLIENT_ID"], "secret": os.environ.get(f"OIDC_{key}_CLIENT_SECRET", ""),
                     "settings": {"server_url": os.environ[f"OIDC_{key}_SERVER_URL"], "oauth_pkce_enabled": True}})
    if apps:
        providers["openid_connect"] = {"APPS": apps, "OAUTH_PKCE_ENABLED": True}
    return providers


SOCIALACCOUNT_PROVIDERS = oidc_providers()
SOCIALACCOUNT_ADAPTER = "yukemuri.oidc.adapter.Adapter"
SOCIALACCOUNT_STORE_TOKENS = False  # no access or refresh token is kept
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never sign in to an account because a provider names its address
SOCIALACCOUNT_LOGIN_ON_GET = False  # leaving for a provider is a POST (CSRF); a GET shows a button
SOCIALACCOUNT_REQUESTS_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
ACCOUNT_USER_MODEL_USERNAME_FIELD = None  # allauth's account settings, to match people.User (no username)
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
LOGIN_REDIRECT_URL = "me"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "ja"
# Japanese first, then the languages of Gunma's foreign residents (MISSION 13); each name in its own language.
LANGUAGES = [
    ("ja", "日本語"), ("en", "English"), ("pt-br", "Português"), ("vi", "Tiếng Việt"), ("tl", "Tagalog"),
    ("es", "Español"), ("zh-hans", "简体中文"), ("ja-easy", "やさしい にほんご"),
]
# Django knows no Tagalog; without this, {% get_language_info %} and translation.get_language_info fail for it.
LANG_INFO.setdefault("tl", {"bidi": False, "code": "tl", "name": "Tagalog", "name_local": "Tagalog"})
# やさしい日本語 (docs/decisions/0024-easy-japanese.md): its own catalogue (locale ja_Easy), which gettext backs with the
# Japanese one, so Django's own messages come in Japanese. HTML_LANG gives it a valid BCP 47 tag for lang= attributes.
LANG_INFO.setdefault("ja-easy", {"bidi": False, "code": "ja-easy", "name": "Easy Japanese",
                                 "name_local": "やさしい にほんご"})
HTML_LANG = {"ja-easy": "ja-x-easy"}
LOCALE_PATHS = [BASE_DIR / "yukemuri" / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
FORMAT_MODULE_PATH = ["yukemuri.formats"]  # amounts grouped in every language (yukemuri/formats)
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Uploads (facility photos); served through their app's views, never straight from MEDIA_URL.
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# E-mail: the console in development, SMTP from EMAIL_* in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Seconds before a silent mail server counts as down: the send fails and is retried, rather than holding
# the worker (and the e-mails it claimed) for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "yukemuri <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production defaults pass `check --deploy`; each can be relaxed from the environment
# (e.g. SECURE_SSL_REDIRECT=0 behind a proxy that already redirects).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"


def content_security_policy(form_targets=()) -> str:
    """The policy; `form_targets` are the sign-in providers' origins, which the provider buttons' forms reach
    through our redirect (Chromium applies form-action to the redirects after a form's POST)."""
    form_action = " ".join(["'self'", *form_targets])
    return (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        f"object-src 'none'; base-uri 'self'; form-action {form_action}; frame-ancestors 'none'"
    )


def oidc_form_targets(providers: dict) -> list[str]:
    """Where the sign-in providers' authorisation pages are: LINE's, and each OpenID provider's issuer origin."""
    from urllib.parse import urlsplit

    targets = ["https://access.line.me"] if "line" in providers else []
    for app in providers.get("openid_connect", {}).get("APPS", []):
        url = urlsplit(app["settings"]["server_url"])
        targets.append(f"{url.scheme}://{url.netloc}")
    return sorted(set(targets))


CONTENT_SECURITY_POLICY = content_security_policy(oidc_form_targets(SOCIALACCOUNT_PROVIDERS))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 20

# yukemuri's own settings.
# The channels a digest of notices goes out by (yukemuri/notifications/channels.py; LINE or SMS would be added here).
NOTIFICATION_CHANNELS = ["yukemuri.notifications.channels.EmailDigest"]

# Machine translation of what people write: off unless set (docs/decisions/0025-translations-of-posts.md), e.g.
# TRANSLATION_PROVIDER='{"class": "yukemuri.translations.providers.LibreTranslate", "options": {"url": "…"}}'
TRANSLATION_PROVIDER = json.loads(os.environ["TRANSLATION_PROVIDER"]) if os.environ.get("TRANSLATION_PROVIDER") else None

YUKEMURI = {
    # Number of an account's first posts held for a moderator's review; 0 turns holding off.
    "HOLD_FIRST_POSTS": env_int("HOLD_FIRST_POSTS", 0),
    # Rate limits (django-ratelimit syntax): per client address for accounts, per person for posts.
    "RATE_SIGNUP": os.environ.get("RATE_SIGNUP", "5/h"),
    "RATE_LOGIN": os.environ.get("RATE_LOGIN", "30/m"),  # a workshop room behind one address logs in together
    "RATE_POST": os.environ.get("RATE_POST", "20/h"),
    "RATE_COMMENT": os.environ.get("RATE_COMMENT", "60/h"),
    # Failed logins per account (its e-mail address), from any number of addresses.
    "RATE_LOGIN_ACCOUNT": os.environ.get("RATE_LOGIN_ACCOUNT", "10/h"),
    # Each kind of write has its own budget (core/ratelimits.py): supports, follows and pledges; steering
    # an idea and its team; organising events and matching; quick capture at a workshop table.
    "RATE_SUPPORT": os.environ.get("RATE_SUPPORT", "300/h"),
    "RATE_STEER": os.environ.get("RATE_STEER", "120/h"),
    "RATE_ORGANISE": os.environ.get("RATE_ORGANISE", "60/h"),
    "RATE_CAPTURE": os.environ.get("RATE_CAPTURE", "120/h"),
    "PAGE_SIZE": 20,
    "DEMO_PASSWORD": os.environ.get("DEMO_PASSWORD", ""),
    # Registering for events (guests and people): per client address.
    "RATE_REGISTER": os.environ.get("RATE_REGISTER", "20/h"),
    # Broad listening, per client address: votes (one tap each) and statements people add.
    "RATE_VOTE": os.environ.get("RATE_VOTE", "600/h"),
    "RATE_STATEMENT": os.environ.get("RATE_STATEMENT", "10/h"),
    "RATE_ANSWER": os.environ.get("RATE_ANSWER", "20/h"),  # survey answers through an open link, per address
    # Broad listening (docs/listening.md): new participants without a cookie, per address and conversation —
    # at most this many (a venue's shared network must still fit) — and a burst that flags them for the organiser.
    "LISTENING_NEW_PARTICIPANTS": os.environ.get("LISTENING_NEW_PARTICIPANTS", "30/h"),
    "LISTENING_BURST": os.environ.get("LISTENING_BURST", "5/10m"),
    # Statements and free comments from one account (or one address without one): this many within this time are
    # listed on the moderation page as a burst (listening/bursts.py; nothing is refused).
    "LISTENING_POST_BURST": os.environ.get("LISTENING_POST_BURST", "5/10m"),
    # Public statistics pages (ties by prefecture) show a group of people only when it has at least this many.
    "MIN_CELL": env_int("MIN_CELL", 5),
    # Answers to the optional questions are shown only for cells of at least this many people.
    "LISTENING_MIN_CELL": env_int("LISTENING_MIN_CELL", 5),
    # A statement is "agreed across groups" only with this many votes in all, and this many in every group.
    "LISTENING_CONSENSUS_MIN_VOTES": env_int("LISTENING_CONSENSUS_MIN_VOTES", 8),
    "LISTENING_CONSENSUS_MIN_PER_GROUP": env_int("LISTENING_CONSENSUS_MIN_PER_GROUP", 3),
    # Imported public comments (CSV): the largest file and the most rows one import takes.
    "LISTENING_IMPORT_MAX_BYTES": env_int("LISTENING_IMPORT_MAX_BYTES", 5 * 1024 * 1024),
    "LISTENING_IMPORT_MAX_ROWS": env_int("LISTENING_IMPORT_MAX_ROWS", 20_000),
    # Word vectors beside TF-IDF in the topics of free comments: "ja_ginza" (the default: they agree better with
    # people's grouping at every level; docs/listening.md, "Word vectors"), or "none" for TF-IDF + LSA alone.
    "LISTENING_WORD_VECTORS": word_vectors_setting(os.environ.get("LISTENING_WORD_VECTORS", "ja_ginza")),
    # The site's address for links in e-mails sent by background tasks (no request there).
    # Unset, it is made from HOST and PORT (which `make run` passes on): `PORT=8123 make run` links to 8123.
    "SITE_URL": os.environ.get("SITE_URL") or default_site_url(os.environ.get("HOST", ""), os.environ.get("PORT", "")),
    # NGSI-LD push (docs/decisions/0020-ngsi-ld.md): unset, nothing is pushed. Set, changed public entities are
    # upserted to this broker (e.g. an Orion-LD at http://orion:1026) by a background task.
    "NGSILD_BROKER_URL": os.environ.get("NGSILD_BROKER_URL", "").rstrip("/"),
    "NGSILD_BROKER_TENANT": os.environ.get("NGSILD_BROKER_TENANT", ""),  # sent as NGSILD-Tenant when set
    "NGSILD_BROKER_TOKEN": os.environ.get("NGSILD_BROKER_TOKEN", ""),  # sent as a Bearer token when set
    # Minutes between the first new notice and the e-mail digest that gathers everything new.
    "DIGEST_DELAY_MINUTES": env_int("DIGEST_DELAY_MINUTES", 60),
    # Daily and weekly digests (people's choice per kind of notice): the hour (TIME_ZONE) and weekday (0 = Monday).
    "DIGEST_HOUR": env_int("DIGEST_HOUR", 7),
    "DIGEST_WEEKDAY": env_int("DIGEST_WEEKDAY", 0),
    # A co-creation space's fees (docs/decisions/0030-space-fees-and-invoices.md): "inclusive" (内税, prices include
    # consumption tax: the demo's choice), "exclusive" (外税) or "not_taxable" (不課税: a public 使用料), and the rate.
    "SPACE_FEES_TAX_MODE": os.environ.get("SPACE_FEES_TAX_MODE", "inclusive"),
    "SPACE_FEES_TAX_RATE": env_int("SPACE_FEES_TAX_RATE", 10),
    # The invoice PDF's font, found through fontconfig by family name at run time (fc-match); a file path instead
    # when fontconfig has no such family. Japanese must render: without the font the PDF is refused, never blank.
    "INVOICE_FONT_FAMILY": os.environ.get("INVOICE_FONT_FAMILY", "Noto Sans CJK JP"),
    "INVOICE_FONT_FILE": os.environ.get("INVOICE_FONT_FILE", ""),
    # Payment providers for campaigns: name → class path (see yukemuri/funding/providers).
    "PAYMENT_PROVIDERS": {"offline": "yukemuri.funding.providers.OfflineBankTransfer"},
    # Matching (docs/matching.md): the weight of each score component, and fairness.
    "MATCHING_WEIGHTS": {"skills": 0.4, "interests": 0.2, "distance": 0.2, "language": 0.05, "availability": 0.15},
    "MATCHING_FAIRNESS": {"newcomer_share": env_float("MATCHING_NEWCOMER_SHARE", 0.3),
                          "max_offers_per_person": env_int("MATCHING_MAX_OFFERS", 3)},
    # Photos and files on posts (docs/decisions/0037-photos-and-files.md): the largest upload in bytes, the most
    # pixels a photo may have before decoding (a "pixel bomb" guard), the longest side kept and the thumbnail's,
    # and how many a post may carry.
    "ATTACHMENT_MAX_BYTES": env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024),
    "ATTACHMENT_MAX_PIXELS": env_int("ATTACHMENT_MAX_PIXELS", 40_000_000),
    "ATTACHMENT_MAX_SIDE": 2048,
    "ATTACHMENT_THUMB_SIDE": 480,
    "ATTACHMENT_MAX_PER_POST": 10,
}
SITE_NAME = _("yukemuri")
