"""The kinds of event yukemuri starts with; operators add more in the admin."""

KINDS = [
    ("workshop", "ワークショップ", "Workshop session"),
    ("seminar", "セミナー", "Seminar"),
    ("pitch", "ピッチ", "Pitch"),
    ("meetup", "交流会", "Meet-up"),
    ("talk", "トークイベント", "Talk"),
    ("other", "その他", "Other"),
]


def ensure_kinds(model=None):
    """Create the standard kinds if missing (migrations pass their historical model)."""
    if model is None:
        from .models import EventKind as model
    for order, (slug, name, name_en) in enumerate(KINDS):
        model.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order})
