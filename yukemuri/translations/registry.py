"""Which posts can be translated. Each content app registers its own in AppConfig.ready(), as for moderation:
this app sits below them and imports none of them (docs/decisions/0010-layers.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from yukemuri.core.kinds import KindRegistry


@dataclass(frozen=True)
class Translatable:
    model: type[models.Model]
    key: str  # short name used in URLs: "issue", "idea", "comment", "event", "help"
    label: Callable[[], str]  # what it is called, for people ("idea")
    title_field: str | None  # a comment has no title
    body_field: str
    url: Callable[[models.Model], str]  # where the post is read
    author_id: Callable[[models.Model], int | None]  # who wrote it (may change its translations)
    public: Callable[[], models.QuerySet]  # the posts anyone may read, for the queue
    detail_url_name: str | None = None  # the post's own page (url kwarg `pk`), whose reads are counted

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)


_registry: KindRegistry[Translatable] = KindRegistry("translation")


def register(model, *, key: str, label, body_field: str, url, public, title_field: str | None = "title",
             author_id=lambda post: getattr(post, "author_id", None), detail_url_name: str | None = None) -> None:
    _registry.add(Translatable(model=model, key=key, label=label, title_field=title_field, body_field=body_field,
                               url=url, author_id=author_id, public=public, detail_url_name=detail_url_name))


def by_key(key: str) -> Translatable | None:
    return _registry.by_key(key)


def for_model(model) -> Translatable:
    return _registry.for_model(model)


def for_content_type_id(content_type_id: int) -> Translatable | None:
    return _registry.for_content_type_id(content_type_id)


def by_detail_url_name(name: str) -> Translatable | None:
    return _registry.first(lambda entry: entry.detail_url_name == name)


def all_entries() -> list[Translatable]:
    return _registry.all()
