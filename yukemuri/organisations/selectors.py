"""Reads of organisations."""

from django.db.models import Count

from .models import Organisation


def organisation_list(kind: str | None = None):
    qs = Organisation.objects.select_related("municipality").annotate(
        member_count=Count("memberships", distinct=True)
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-verified", "name")


def organisation_detail(pk: int):
    return Organisation.objects.select_related("municipality").filter(pk=pk).first()


def memberships_of(person_ids) -> dict[int, list[tuple[str, object]]]:
    """{person id: [(organisation kind, joined at), …]} (who on a team brings which kind of organisation)."""
    from .models import Membership

    found: dict[int, list] = {}
    for person, kind, joined in Membership.objects.filter(person_id__in=list(person_ids)).values_list(
            "person_id", "organisation__kind", "joined_at"):
        found.setdefault(person, []).append((kind, joined))
    return found
