"""Reads shared by kinds of post."""

from django.db.models import Count


def counts_by(queryset, field: str) -> dict:
    """How many rows per value of `field` (one grouped query)."""
    rows = queryset.order_by().values(field).annotate(n=Count("pk"))
    return {row[field]: row["n"] for row in rows}


def _shared(model):
    """The through model of a post's `municipalities` (広域) and the name of its key to the post."""
    field = model._meta.get_field("municipalities")
    return field.remote_field.through, field.m2m_field_name()


def concerning(queryset, *, municipality=None, area=None):
    """Posts whose own municipality (or area) is the one given, or that also concern it (広域).

    A subquery on the through table rather than a join: no duplicate rows, no DISTINCT, the list's order stays."""
    from django.db.models import Q

    through, post = _shared(queryset.model)
    if municipality is not None:
        shared = through.objects.filter(municipality=municipality)
        return queryset.filter(Q(municipality=municipality) | Q(pk__in=shared.values(post)))
    if area is not None:
        shared = through.objects.filter(municipality__area=area)
        return queryset.filter(Q(area=area) | Q(pk__in=shared.values(post)))
    return queryset


def counts_by_place(queryset, field: str) -> dict:
    """Posts per municipality or area (`field`), a post counted once in each place it concerns: its own and
    those of its 広域 municipalities. Two grouped queries; the second reads only the through rows."""
    counts = counts_by(queryset, field)
    through, post = _shared(queryset.model)
    key = "municipality_id" if field == "municipality" else "municipality__area_id"
    rows = (through.objects.filter(**{f"{post}__in": queryset.order_by().values("pk")})
            .values_list(f"{post}_id", key, f"{post}__{field}_id").distinct())
    extra: dict = {}
    for _post_id, place in {(p, place) for p, place, own in rows if place is not None and place != own}:
        extra[place] = extra.get(place, 0) + 1
    for place, n in extra.items():
        counts[place] = counts.get(place, 0) + n
    return counts
