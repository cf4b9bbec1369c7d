from django.db import migrations, models


def existing_people_are_verified(apps, schema_editor):
    # Everyone who had an account before confirmation existed (and every demo person) keeps getting the
    # e-mail they got before: only new sign-ups confirm their address.
    apps.get_model("people", "User").objects.update(email_verified=True)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_preferred_language_longer_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_verified",
            field=models.BooleanField(default=False, verbose_name="e-mail address confirmed"),
        ),
        migrations.RunPython(existing_people_are_verified, migrations.RunPython.noop),
    ]
