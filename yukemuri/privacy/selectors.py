"""Reads of personal data."""

from .models import AccessRecord, DataExport, RecipientConsent


def may_share(person, organisation, purpose: str) -> bool:
    """May `organisation` receive the `purpose` category of `person`'s data? Only with a live consent:
    every sharing feature must ask this first, and nothing is shared without it."""
    if person is None or organisation is None or not getattr(person, "pk", None):
        return False
    return RecipientConsent.objects.filter(person=person, organisation=organisation, purpose=purpose,
                                           withdrawn_at__isnull=True).exists()


def exports_of(person):
    return DataExport.objects.filter(person=person).defer("content")


def export_for_download(person, pk):
    """The person's own export, with its content; None for anyone else's (the view answers 404)."""
    return DataExport.objects.filter(person=person, pk=pk).first()


def accesses_to(person, limit: int = 100):
    return AccessRecord.objects.filter(person=person)[:limit]


def recipient_consents_of(person):
    """Every consent per recipient, live ones first, with its history."""
    return (RecipientConsent.objects.filter(person=person).select_related("organisation")
            .order_by("withdrawn_at", "-granted_at", "-id"))
