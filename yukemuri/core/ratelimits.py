"""Rate limits: one budget per kind of action, with rates read from settings.YUKEMURI at request time.

Each kind of write has its own hourly budget (posting issues and ideas, comments, supports and follows,
steering an idea, organising, quick capture at a workshop table, …), so a burst of one kind of work
never uses up another. Coordinators, municipal staff and administrators are not counted, and a view
can exempt people acting in their role there (the organisers of a session capturing its ideas, a team
lead steering their idea): a limit is for abuse, not for doing one's job.

Over the limit, a view marked `form=True` shows its form again with what was typed, an error that says
how long to wait and status 429 with Retry-After; it must pass the form to `refused()` (the shared form
helpers in core.views_helpers do). Other views answer the 429 page (site.views.rate_limited), which also
says how long to wait. See docs/decisions/0003-rate-limits.md.
"""

import ipaddress
import math
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

from .permissions import allowed

# name → (setting with the rate, key). Keys: "ip" per client address, "user_or_ip" per person.
BUDGETS = {
    "signup": ("RATE_SIGNUP", "ip"),
    "login": ("RATE_LOGIN", "ip"),
    "login_account": ("RATE_LOGIN_ACCOUNT", None),  # failed logins, keyed on the account's normalised address
    "post": ("RATE_POST", "user_or_ip"),  # new issues, ideas, conversations, campaigns, reports, edits of them
    "comment": ("RATE_COMMENT", "user_or_ip"),
    "support": ("RATE_SUPPORT", "user_or_ip"),  # supports, follows, pledges, applying for a role
    "steer": ("RATE_STEER", "user_or_ip"),  # stages, status, plans, milestones, team roles and invitations
    "organise": ("RATE_ORGANISE", "user_or_ip"),  # events, series, matching rounds, volunteer days
    "capture": ("RATE_CAPTURE", "user_or_ip"),  # quick capture and promotion at a workshop table
    "verify": ("RATE_SIGNUP", "user_or_ip"),  # sending the address-confirming link again
    "register": ("RATE_REGISTER", "ip"),
    "vote": ("RATE_VOTE", "ip"),
    "statement": ("RATE_STATEMENT", "ip"),
    "answer": ("RATE_ANSWER", "ip"),  # answers to open-link surveys (one per browser; this caps new browsers)
}
# Roles whose holders are never counted (they act for the platform; abuse is handled by removing the role).
# Core knows no roles: the people app names them in its AppConfig.ready (trust_roles), see
# docs/decisions/0010-layers.md.
TRUSTED_ROLES: set[str] = set()


def trust_roles(*roles: str) -> None:
    """Never count the holders of these roles (called by the app that defines roles, when Django is ready)."""
    TRUSTED_ROLES.update(roles)


class Limited(Ratelimited):
    """Over a budget; `retry_after` is the number of seconds until it refills."""

    def __init__(self, retry_after: int):
        super().__init__()
        self.retry_after = retry_after


@dataclass
class Refusal:
    retry_after: int
    shown: bool = False

    @property
    def message(self) -> str:
        return wait_message(self.retry_after)


def wait_in_words(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 120:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = math.ceil(minutes / 60)
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def wait_message(seconds: int) -> str:
    return _("You did this many times in a short while. Try again in %(wait)s.") % {"wait": wait_in_words(seconds)}


def trusted(user) -> bool:
    """Acts for the platform (core.skip_rate_limits, core/rules.py): never counted."""
    return allowed(user, "core.skip_rate_limits")


def over_budget(request, budget: str, *, key=None, increment: bool = True) -> int | None:
    """Count one use of `budget`; the seconds to wait if that went over it, else None. With `increment`
    False nothing is counted and the answer is whether one more use would go over.
    `key` overrides the budget's own (a string: e.g. an account's address for failed logins)."""
    setting, default_key = BUDGETS[budget]
    rate = settings.YUKEMURI[setting]
    usage = get_usage(request, group=f"yukemuri.{budget}", key=(lambda group, request: key) if key else default_key,
                      rate=rate, method=ALL, increment=increment)
    if usage is None:
        return None
    used_up = usage["count"] > usage["limit"] if increment else usage["count"] >= usage["limit"]
    return max(1, usage["time_left"]) if used_up else None


def refused(request, form) -> bool:
    """In a view marked `form=True`: when the person is over the budget, put the wait on the form (which keeps
    what was typed) and return True — the view then shows the form again instead of writing."""
    refusal = getattr(request, "rate_refusal", None)
    if refusal is None:
        return False
    form.add_error(None, refusal.message)
    refusal.shown = True
    return True


def limit(budget: str, *, form: bool = False, exempt=None, key=None):
    """Limit the POSTs of a view to `budget`. `exempt(request, *args, **kwargs)` → True skips counting
    (someone acting in their role there); it runs before the view, so it must cope with missing objects."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "POST" or _exempt(request, exempt, args, kwargs):
                return view(request, *args, **kwargs)
            wait = over_budget(request, budget, key=key(request) if key else None)
            if wait is None:
                return view(request, *args, **kwargs)
            if not form:
                raise Limited(wait)
            request.rate_refusal = Refusal(wait)
            response = view(request, *args, **kwargs)
            if request.rate_refusal.shown:
                response.status_code = 429
                response.reason_phrase = "Too Many Requests"
                response["Retry-After"] = str(wait)
            return response

        return wrapped

    return decorator


def _exempt(request, exempt, args, kwargs) -> bool:
    user = getattr(request, "user", None)
    return trusted(user) or bool(exempt and user is not None and user.is_authenticated
                                 and exempt(request, *args, **kwargs))


def forwarded_for_ip(request) -> str:
    """For RATELIMIT_IP_META_KEY behind one trusted reverse proxy: the address that proxy added last to
    X-Forwarded-For (earlier entries are whatever the client sent). Falls back to REMOTE_ADDR."""
    for part in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        candidate = part.strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return request.META.get("REMOTE_ADDR", "")


signup_limit = limit("signup")
login_limit = limit("login")
post_limit = limit("post")
comment_limit = limit("comment")
register_limit = limit("register")
vote_limit = limit("vote")
statement_limit = limit("statement")
