"""The qualifications seed 001 names (公認会計士, 中小企業診断士) and the usual others, and the fields of consultation.

Data, not code: migration 0002 adds them once and the operator adds or renames rows in the admin without a release.
`ensure` takes the model classes so that the migration can pass its historical ones."""

QUALIFICATIONS = [("cpa", "公認会計士"), ("sme-consultant", "中小企業診断士"), ("tax-accountant", "税理士"),
                  ("patent-attorney", "弁理士"), ("labour-consultant", "社会保険労務士")]
FIELDS = [("funding", "資金調達"), ("business-plan", "事業計画"), ("sales-channels", "販路開拓"),
          ("it", "IT・デジタル"), ("ip", "知的財産"), ("hiring", "人材・雇用")]


def ensure(qualification_model, field_model) -> None:
    """Add the rows that are missing (by key); existing rows, renamed or not, stay as they are."""
    for n, (code, name) in enumerate(QUALIFICATIONS):
        qualification_model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": n})
    for n, (code, name) in enumerate(FIELDS):
        field_model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": n})
