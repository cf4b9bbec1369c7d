"""Which posts can carry photos and files. Each content app registers its own in AppConfig.ready(), as for
moderation and translations: this app sits below them and imports none of them (docs/decisions/0010-layers.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from yukemuri.core.kinds import KindRegistry


@dataclass(frozen=True)
class Attachable:
    model: type[models.Model]
    key: str  # short name used in URLs: "issue", "idea", "help"
    # The post if `viewer` may read it (published, or theirs, or they moderate), else None: a photo is served
    # to exactly those who may read its post, so hiding or holding the post hides its photos too.
    visible: Callable[[int, object], models.Model | None]
    change_perm: str  # who may add and remove photos: the permission to edit the post
    url: Callable[[models.Model], str]

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)


_registry: KindRegistry[Attachable] = KindRegistry("attachments")


def register(model, *, key: str, visible, change_perm: str, url) -> None:
    _registry.add(Attachable(model=model, key=key, visible=visible, change_perm=change_perm, url=url))


def by_key(key: str) -> Attachable | None:
    return _registry.by_key(key)


def for_model(model) -> Attachable:
    return _registry.for_model(model)


def for_content_type_id(content_type_id: int) -> Attachable | None:
    return _registry.for_content_type_id(content_type_id)


def all_entries() -> list[Attachable]:
    return _registry.all()
