"""Registries of kinds of posts (issue, idea, comment, …) that a lower app serves without importing the apps above
it: moderation, translations and attachments each keep one, filled by the content apps in AppConfig.ready()
(docs/decisions/0010-layers.md). An entry is a frozen dataclass with at least `model` and `key`."""

from collections.abc import Callable
from typing import Generic, TypeVar

from django.contrib.contenttypes.models import ContentType

Entry = TypeVar("Entry")


class KindRegistry(Generic[Entry]):
    def __init__(self, purpose: str):
        self.purpose = purpose  # for the error: "… is not registered for <purpose>"
        self._entries: dict[str, Entry] = {}

    def add(self, entry: Entry) -> None:
        self._entries[entry.key] = entry

    def by_key(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def for_model(self, model) -> Entry:
        """The entry of a model class or of one of its instances (a subclass counts as its registered parent)."""
        for entry in self._entries.values():
            if entry.model is model or isinstance(model, entry.model):
                return entry
        raise LookupError(f"{model} is not registered for {self.purpose}")

    def for_content_type(self, content_type: ContentType) -> Entry | None:
        model = content_type.model_class()
        return self.first(lambda entry: entry.model is model)

    def for_content_type_id(self, content_type_id: int) -> Entry | None:
        return self.for_content_type(ContentType.objects.get_for_id(content_type_id))

    def first(self, test: Callable[[Entry], bool]) -> Entry | None:
        return next((entry for entry in self._entries.values() if test(entry)), None)

    def all(self) -> list[Entry]:
        return list(self._entries.values())
