"""Which models can be reported and moderated. Each app registers its own in AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models


@dataclass(frozen=True)
class Moderated:
    model: type[models.Model]
    key: str  # short name used in URLs: "issue", "idea", "comment"
    url: Callable[[models.Model], str]  # where the post is seen
    excerpt: Callable[[models.Model], str]
    # Held rows not yet for the moderators: a guest's comment before its e-mail link is followed.
    awaiting: models.Q | None = None
    # Who may see (and so report) a post, when not everyone who is signed in: a community's thread is its members'.
    visible_to: Callable[[object, models.Model], bool] | None = None


_registry: dict[str, Moderated] = {}


def register(model, *, key: str, url, excerpt, awaiting=None, visible_to=None) -> None:
    _registry[key] = Moderated(model=model, key=key, url=url, excerpt=excerpt, awaiting=awaiting,
                               visible_to=visible_to)


def by_key(key: str) -> Moderated | None:
    return _registry.get(key)


def for_model(model) -> Moderated:
    for entry in _registry.values():
        if entry.model is model or isinstance(model, entry.model):
            return entry
    raise LookupError(f"{model} is not registered for moderation")


def for_content_type(content_type: ContentType) -> Moderated | None:
    model = content_type.model_class()
    return next((e for e in _registry.values() if e.model is model), None)


def all_entries() -> list[Moderated]:
    return list(_registry.values())
