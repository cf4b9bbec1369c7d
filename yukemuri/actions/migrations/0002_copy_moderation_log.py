"""The moderation log is read from the action stream: copy the moderation actions recorded before it."""

from django.db import migrations

VERBS = {"hold": "moderation.held", "hide": "moderation.hidden", "restore": "moderation.restored",
         "approve": "moderation.approved", "dismiss": "moderation.dismissed"}


def copy(apps, schema_editor):
    ModerationAction = apps.get_model("moderation", "ModerationAction")
    Action = apps.get_model("actions", "Action")
    batch = []
    for old in ModerationAction.objects.select_related("content_type").order_by("pk").iterator(chunk_size=2000):
        batch.append(Action(
            actor_id=old.moderator_id, verb=VERBS[old.action], target_type_id=old.content_type_id,
            target_id=old.object_id, target_repr=f"{old.content_type.model} #{old.object_id}",
            data={"reason": old.reason, "copied_from": "moderation"}, created_at=old.created_at,
        ))
        if len(batch) >= 2000:
            Action.objects.bulk_create(batch)
            batch = []
    Action.objects.bulk_create(batch)


def uncopy(apps, schema_editor):
    apps.get_model("actions", "Action").objects.filter(data__copied_from="moderation").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("moderation", "0002_initial"),
    ]

    operations = [migrations.RunPython(copy, uncopy)]
