"""The support app's part of "download your data": how I was registered, and what was entered for me."""

from .models import AssistedEntry, AssistedPerson


def assisted_registration(person) -> list[dict]:
    return [{"reference": a.reference, "full_name": a.full_name, "name_kana": a.name_kana,
             "municipality": a.municipality_id, "contact_note": a.contact_note, "registered_at": a.registered_at,
             "claimed_at": a.claimed_at}
            for a in AssistedPerson.objects.filter(person=person)]


def assisted_entries(person) -> list[dict]:
    return [{"at": e.created_at, "kind": e.kind, "channel": e.channel, "about": e.target_repr, "detail": e.detail,
             "consent": e.consent_method, "form_number": e.consent_form_number, "consent_note": e.consent_note}
            for e in AssistedEntry.objects.filter(person=person).order_by("created_at", "id")]
