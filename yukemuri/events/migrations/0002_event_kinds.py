from django.db import migrations


def add_kinds(apps, schema_editor):
    from yukemuri.events.kinds import ensure_kinds

    ensure_kinds(apps.get_model("events", "EventKind"))


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
