"""The privacy app's own part of a person's data: who accessed it, and to whom it may go."""

from .models import AccessRecord, RecipientConsent


def data_access(person) -> list[dict]:
    return [{"at": r.at, "by": r.viewer_name, "what": r.get_kind_display(), "about": r.about}
            for r in AccessRecord.objects.filter(person=person)]


def recipient_consents(person) -> list[dict]:
    return [{"organisation": c.organisation.name, "purpose": c.purpose, "granted_at": c.granted_at,
             "withdrawn_at": c.withdrawn_at}
            for c in RecipientConsent.objects.filter(person=person).select_related("organisation")]
