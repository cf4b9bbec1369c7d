"""Which models can be reported and moderated. Each app registers its own in AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from yukemuri.core.kinds import KindRegistry


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


_registry: KindRegistry[Moderated] = KindRegistry("moderation")


def register(model, *, key: str, url, excerpt, awaiting=None, visible_to=None) -> None:
    _registry.add(Moderated(model=model, key=key, url=url, excerpt=excerpt, awaiting=awaiting,
                            visible_to=visible_to))


def by_key(key: str) -> Moderated | None:
    return _registry.by_key(key)


def for_model(model) -> Moderated:
    return _registry.for_model(model)


def for_content_type(content_type: ContentType) -> Moderated | None:
    return _registry.for_content_type(content_type)


def all_entries() -> list[Moderated]:
    return _registry.all()
