from django.db import migrations


def add_help_kind(apps, schema_editor):
    from yukemuri.events.kinds import ensure_kinds

    ensure_kinds(apps.get_model("events", "EventKind"))


class Migration(migrations.Migration):
    dependencies = [("events", "0002_event_kinds")]
    operations = [migrations.RunPython(add_help_kind, migrations.RunPython.noop)]
