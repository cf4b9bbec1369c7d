"""The kinds of event yukemuri starts with; operators add more in the admin."""

from django.utils.translation import pgettext_lazy

KINDS = [
    ("workshop", "ワークショップ", "Workshop session"),
    ("seminar", "セミナー", "Seminar"),
    ("pitch", "ピッチ", "Pitch"),
    ("meetup", "交流会", "Meet-up"),
    ("talk", "トークイベント", "Talk"),
    ("other", "その他", "Other"),
    # A time slot of a help request (お手伝い募集, the help app): listed on /help/, not among the events.
    ("help", "お手伝い", "Help"),
]

# The standard kinds' names in every language of the interface (the database holds only Japanese and
# English). The context keeps them apart from the same English words elsewhere ("Other", "Talk").
LABELS = {
    "workshop": pgettext_lazy("event kind", "Workshop session"),
    "seminar": pgettext_lazy("event kind", "Seminar"),
    "pitch": pgettext_lazy("event kind", "Pitch"),
    "meetup": pgettext_lazy("event kind", "Meet-up"),
    "talk": pgettext_lazy("event kind", "Talk"),
    "other": pgettext_lazy("event kind", "Other"),
    "help": pgettext_lazy("event kind", "Help"),
}
# Kinds whose events belong to another page (the help requests' slots are on /help/): the events list and
# calendars leave them out unless someone asks for the kind.
UNLISTED = ("help",)
DEFAULT_ENGLISH = {slug: name_en for slug, _name, name_en in KINDS}


def ensure_kinds(model=None):
    """Create the standard kinds if missing (migrations pass their historical model)."""
    if model is None:
        from .models import EventKind as model
    for order, (slug, name, name_en) in enumerate(KINDS):
        model.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order})
