"""The idea timeline is read from the action stream: copy the stage changes recorded before it had them.

A StageChange already mirrored by an action (same idea, kind and new stage within a second; every change made
since issue 13 was recorded both ways) is not copied again."""

from datetime import timedelta

from django.db import migrations

STATUS_KINDS = {"pause": "paused", "resume": "active", "close": "closed"}


def copy(apps, schema_editor):
    StageChange = apps.get_model("ideas", "StageChange")
    Action = apps.get_model("actions", "Action")
    ContentType = apps.get_model("contenttypes", "ContentType")
    idea_type, _created = ContentType.objects.get_or_create(app_label="ideas", model="idea")
    batch = []
    for change in StageChange.objects.select_related("idea").order_by("pk").iterator(chunk_size=2000):
        recorded = Action.objects.filter(
            target_type=idea_type, target_id=change.idea_id, data__kind=change.kind,
            verb__in=("idea.stage_changed", "idea.status_changed"),
            created_at__gte=change.at - timedelta(seconds=1), created_at__lte=change.at + timedelta(seconds=1))
        if recorded.exists():
            continue
        if change.kind in STATUS_KINDS:
            verb, data = "idea.status_changed", {"kind": change.kind, "new": STATUS_KINDS[change.kind],
                                                 "stage": change.to_stage}
        else:
            verb, data = "idea.stage_changed", {"kind": change.kind, "old": change.from_stage, "new": change.to_stage}
        batch.append(Action(actor_id=change.by_id, verb=verb, target_type=idea_type, target_id=change.idea_id,
                            target_repr=change.idea.title[:200], concerns_id=change.idea.author_id,
                            data={**data, "reason": change.reason, "copied_from": "stage_change"},
                            created_at=change.at))
    Action.objects.bulk_create(batch, batch_size=2000)


def uncopy(apps, schema_editor):
    apps.get_model("actions", "Action").objects.filter(data__copied_from="stage_change").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0002_copy_moderation_log"),
        ("ideas", "0005_stages_plan_history"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy, uncopy)]
