"""The qualifications and fields of consultation as data (consultations/reference.py)."""

from django.db import migrations


def add(apps, schema_editor):
    from yukemuri.consultations.reference import ensure

    ensure(apps.get_model("consultations", "Qualification"), apps.get_model("consultations", "Field"))


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
