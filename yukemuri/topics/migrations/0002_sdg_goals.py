from django.db import migrations

from yukemuri.topics.sdgs import SDG_GOALS


def load(apps, schema_editor):
    SDGGoal = apps.get_model("topics", "SDGGoal")
    for number, name_ja, name_en, colour in SDG_GOALS:
        SDGGoal.objects.update_or_create(number=number, defaults={"name_ja": name_ja, "name_en": name_en, "colour": colour})


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
