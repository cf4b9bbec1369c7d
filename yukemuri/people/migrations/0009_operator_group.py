from django.db import migrations


def create(apps, schema_editor):
    # 運営スタッフ of a co-creation space (yukemuri/space): an assignable role like the others in 0002.
    apps.get_model("auth", "Group").objects.get_or_create(name="operator")


class Migration(migrations.Migration):
    dependencies = [("people", "0008_user_age_band")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
