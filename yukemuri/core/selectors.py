"""Reads shared by kinds of post."""

from django.db.models import Count


def counts_by(queryset, field: str) -> dict:
    """How many rows per value of `field` (one grouped query)."""
    rows = queryset.order_by().values(field).annotate(n=Count("pk"))
    return {row[field]: row["n"] for row in rows}
