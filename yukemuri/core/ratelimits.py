"""Rate limits on sign-up, login and posting, read from settings.YUKEMURI at request time."""

from functools import partial

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def _rate(setting: str, group, request):
    return settings.YUKEMURI[setting]


def limit(setting: str, *, key: str, group: str):
    """A POST-only limit that answers 429 when exceeded (see core.views.rate_limited)."""
    return ratelimit(key=key, rate=partial(_rate, setting), method="POST", block=True, group=group)


signup_limit = limit("RATE_SIGNUP", key="ip", group="signup")
login_limit = limit("RATE_LOGIN", key="ip", group="login")
post_limit = limit("RATE_POST", key="user_or_ip", group="post")
comment_limit = limit("RATE_COMMENT", key="user_or_ip", group="comment")
register_limit = limit("RATE_REGISTER", key="ip", group="register")
vote_limit = limit("RATE_VOTE", key="ip", group="vote")
statement_limit = limit("RATE_STATEMENT", key="ip", group="statement")
