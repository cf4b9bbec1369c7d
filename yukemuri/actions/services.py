"""Recording actions: one call per write under authority, inside that write's transaction."""

import logging
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from . import verbs
from .models import Action
from .signals import action_committed

logger = logging.getLogger(__name__)


def _concerned_person_id(target) -> int | None:
    """The person a target belongs to: the person themselves, a post's author, a pledge's supporter, the
    holder of a ticket or a team place."""
    if isinstance(target, get_user_model()):
        return target.pk
    author = getattr(target, "author_id_for_moderation", None)
    if callable(author):
        return author()
    for field in ("supporter_id", "person_id", "author_id"):
        value = getattr(target, field, None)
        if value is not None:
            return value
    return None


def _plain(value):
    """A value as the action's JSON keeps it: dates and times in ISO 8601, decimals as text."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def diff(before: dict, after: dict) -> dict:
    """{field: {"old": …, "new": …}} for each field whose value changed: an edit's record."""
    return {name: {"old": _plain(before[name]), "new": _plain(after[name])}
            for name in after if before.get(name) != after[name]}


def _target_repr(target) -> str:
    # A person's name is personal data (erased with the account): a person is kept by number only.
    if isinstance(target, get_user_model()):
        return f"#{target.pk}"
    return str(target)[:200]


def record(*, actor, verb: str, target, data=None, on_behalf_of=None) -> Action:
    """Record that `actor` (None: the system) did `verb` to `target`, with `data` (e.g. old and new values).

    The row is written in the caller's transaction, so a rolled-back change leaves no action; receivers of
    `action_committed` run only once that transaction has committed. An undeclared verb raises UnknownVerb,
    and a call outside a transaction raises RuntimeError (the write and its record must commit together).
    """
    declared = verbs.get(verb)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record() belongs inside the transaction of the write it records")
    action = Action.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=declared.name,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_repr=_target_repr(target),
        concerns_id=_concerned_person_id(target),
        data=data or {},
        on_behalf_of=str(on_behalf_of)[:200] if on_behalf_of else "",
    )
    transaction.on_commit(lambda: _announce(action, declared))
    return action


def _announce(action, verb) -> None:
    for receiver, result in action_committed.send_robust(sender=Action, action=action, verb=verb):
        if isinstance(result, Exception):
            logger.error("receiver %r of action %s failed", receiver, action.pk, exc_info=result)
