"""Logins for trying every side of the demo: fresh passwords for a few demo accounts, one per role.

Demo accounts are made without a usable password (nobody can log in as them on a real site). In
development, `manage.py demo_logins` (run by `make run`) sets a fresh random password for each of
these and prints them once; they are stored only as hashes, so running it again gives new ones.
"""

import secrets
from dataclasses import dataclass

from django.urls import reverse

from .models import DemoRecord

# Letters and digits that cannot be mistaken for one another when typed from a terminal.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY345679"

# (what it shows, demo person key, where to go: a URL name and the demo object key of its argument)
ROLES = [
    ("resident", "p-haruto", "me", None),
    ("event and workshop organiser", "p-sato", "event_check_in", "ev-0"),
    ("coordinator", "p-nakamura", "coordinator", None),
    ("team lead", "p-yui", "idea_steer", "d-akiya"),
    ("staff (moderation)", "p-takahashi", "moderation_queue", None),
    ("help host (a farm)", "p-kenta", "help_signups", "help-tsumagoi-cabbage"),
    ("shop clerk (points)", "p-misaki", "points_merchant", "merchant:org-points-shop"),
    ("space operator", "p-space-operator", "space_index", None),  # NETSUGEN (共創スペース)
]


@dataclass
class Login:
    role: str
    email: str
    password: str
    name: str
    url: str


def _password() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(14))


def _target(key):
    if key.startswith("merchant:"):  # the points counter of a demo organisation (its account is no demo record)
        from yukemuri.points.models import Account

        return Account.objects.filter(kind=Account.Kind.MERCHANT, organisation=_target(key[len("merchant:"):])).first()
    record = DemoRecord.objects.filter(key=key).first()
    return record.target if record else None


def set_demo_passwords() -> list[Login]:
    """A fresh password for each demo role's account; the logins, in the order of ROLES. Raises
    LookupError when the demo is not loaded."""
    logins = []
    for role, person_key, url_name, arg_key in ROLES:
        person = _target(person_key)
        if person is None or not person.is_demo:
            raise LookupError(person_key)
        arg = _target(arg_key) if arg_key else None
        if arg_key and arg is None:
            raise LookupError(arg_key)
        password = _password()
        person.set_password(password)
        person.save(update_fields=["password"])
        url = reverse(url_name, args=[arg.pk] if arg is not None else [])
        logins.append(Login(role, person.email, password, person.display_name, url))
    return logins
