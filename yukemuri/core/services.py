"""Services shared by kinds of post."""

from django.db import transaction
from django.db.models import F


@transaction.atomic
def support_set(*, target, person, supported: bool) -> int:
    """Add or remove one person's support; the count moves by exactly one, or not at all."""
    model = target.supports.model
    if supported:
        _support, changed = model.objects.get_or_create(target=target, person=person)
        delta = 1 if changed else 0
    else:
        deleted, _detail = model.objects.filter(target=target, person=person).delete()
        delta = -1 if deleted else 0
    if delta:
        type(target).objects.filter(pk=target.pk).update(support_count=F("support_count") + delta)
    target.refresh_from_db(fields=["support_count"])
    return target.support_count


def supported_ids(model, person, targets) -> set[int]:
    """Which of `targets` the person supports (one query for a whole page)."""
    if not person.is_authenticated:
        return set()
    return set(
        model.objects.filter(person=person, target__in=[t.pk for t in targets]).values_list("target_id", flat=True)
    )


def place_from(place: dict | None, fallback_prefecture):
    """Split a cleaned place into the (prefecture, area, municipality) a post stores."""
    place = place or {}
    municipality, area = place.get("municipality"), place.get("area")
    prefecture = place.get("prefecture")
    if municipality:
        return municipality.prefecture, municipality.area, municipality
    if area:
        return area.prefecture, area, None
    return prefecture or fallback_prefecture, None, None


KEEP = object()  # an edit that leaves the 広域 municipalities or the point as they are


def set_point(post, point) -> None:
    """Mark the post's place on the map: (latitude, longitude), or None to take the mark away (before save)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if point is KEEP:
        return
    latitude, longitude = point if point else (None, None)
    if point and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError({"latitude": _("A latitude is between -90 and 90, a longitude between -180 and 180.")})
    post.latitude, post.longitude = latitude, longitude


def set_shared(post, municipalities) -> None:
    """The other municipalities a saved post concerns (広域); its own municipality is not repeated among them."""
    if municipalities is KEEP:
        return
    post.municipalities.set([m for m in municipalities or () if m.pk != post.municipality_id])
