"""The qualifications seed 001 names (公認会計士, 中小企業診断士) and the usual others, and the fields of consultation:
data, so the operator adds or renames them in the admin without a release."""

from django.db import migrations

QUALIFICATIONS = [("cpa", "公認会計士"), ("sme-consultant", "中小企業診断士"), ("tax-accountant", "税理士"),
                  ("patent-attorney", "弁理士"), ("labour-consultant", "社会保険労務士")]
FIELDS = [("funding", "資金調達"), ("business-plan", "事業計画"), ("sales-channels", "販路開拓"),
          ("it", "IT・デジタル"), ("ip", "知的財産"), ("hiring", "人材・雇用")]


def add(apps, schema_editor):
    Qualification = apps.get_model("consultations", "Qualification")
    Field = apps.get_model("consultations", "Field")
    for n, (code, name) in enumerate(QUALIFICATIONS):
        Qualification.objects.get_or_create(code=code, defaults={"name": name, "sort_order": n})
    for n, (code, name) in enumerate(FIELDS):
        Field.objects.get_or_create(code=code, defaults={"name": name, "sort_order": n})


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
