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
