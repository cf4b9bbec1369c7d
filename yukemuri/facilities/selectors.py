"""Reads of public facilities (every facility is public data)."""

from .models import PublicFacility


def facility_list():
    return PublicFacility.objects.select_related("prefecture", "municipality").order_by("owner_code", "source_id",
                                                                                          "id")


def facility_detail(pk: int) -> PublicFacility | None:
    return facility_list().filter(pk=pk).first()


def facilities_in(municipality):
    return facility_list().filter(municipality=municipality)


def facility_counts() -> dict[int, int]:
    """{municipality id: number of facilities standing there}."""
    from django.db.models import Count

    return dict(PublicFacility.objects.exclude(municipality=None).order_by().values_list("municipality")
                .annotate(n=Count("pk")))
