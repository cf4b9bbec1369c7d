"""Saves and deletes of the entities' models note the entity for the push (push.py); nothing when no broker is set."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from .entities import MODELS
from .push import note_change


def _changed(sender, instance, using=None, **kwargs):
    note_change(MODELS[sender._meta.label].urn(instance.pk), using=using)


def _visibility(sender, instance, **kwargs):
    entity_type = MODELS.get(sender._meta.label)
    if entity_type is not None:
        note_change(entity_type.urn(instance.pk))


def connect() -> None:
    from yukemuri.moderation.signals import visibility_changed

    for label in MODELS:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"ngsild-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"ngsild-delete-{label}")
    visibility_changed.connect(_visibility, dispatch_uid="ngsild-visibility")
