"""The ties app's part of "download your data": my ties to places (関係人口) and where I live."""

from .models import Residence, Tie


def ties(person) -> list[dict]:
    rows = [{"municipality": str(t.municipality), "kinds": " / ".join(k.kind for k in t.kind_rows.all()),
             "since": t.since, "wishes": " / ".join(q.display_text for q in t.wishes.all()), "wish_text": t.wish_text,
             "contact_consented_at": t.contact_consented_at, "public_consented_at": t.public_consented_at,
             "created_at": t.created_at}
            for t in Tie.objects.filter(person=person).select_related("municipality")
            .prefetch_related("kind_rows", "wishes").order_by("created_at", "id")]
    return rows


def tie_residence(person) -> list[dict]:
    return [{"prefecture": r.prefecture, "updated_at": r.updated_at} for r in Residence.objects.filter(person=person)]
