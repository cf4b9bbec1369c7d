"""Reads for the moderation queue and log."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from yukemuri.core.models import Visibility

from . import registry
from .models import Report


@dataclass
class QueueItem:
    key: str
    target: object
    url: str
    excerpt: str
    held: bool
    reports: list = field(default_factory=list)

    @property
    def since(self):
        dates = [r.created_at for r in self.reports]
        if self.held:
            dates.append(self.target.created_at)
        return min(dates)


def moderation_queue(limit: int = 100) -> list[QueueItem]:
    """Posts with open reports and posts held for review, oldest waiting first."""
    reports = defaultdict(list)
    for report in Report.objects.filter(resolved_at__isnull=True).select_related("reporter")[:1000]:
        reports[(report.content_type_id, report.object_id)].append(report)
    items = []
    for entry in registry.all_entries():
        ct = ContentType.objects.get_for_model(entry.model)
        ids = {oid for (ct_id, oid) in reports if ct_id == ct.id}
        held = entry.model.objects.filter(visibility=Visibility.HELD)
        if entry.awaiting is not None:
            held = held.exclude(entry.awaiting)
        held_ids = set(held.values_list("pk", flat=True)[:limit])
        for target in entry.model.objects.filter(pk__in=ids | held_ids).select_related("author"):
            items.append(
                QueueItem(
                    key=entry.key,
                    target=target,
                    url=entry.url(target),
                    excerpt=entry.excerpt(target),
                    held=target.visibility == Visibility.HELD,
                    reports=reports.get((ct.id, target.pk), []),
                )
            )
    items.sort(key=lambda item: item.since)
    return items[:limit]


def moderation_log():
    """What moderators (and the hold of first posts) did, newest first: a view of the action stream.

    Read from actions since issue 13; ModerationAction rows are no longer written (the older ones were
    copied into the stream by actions/migrations/0002)."""
    from yukemuri.actions.models import Action
    from yukemuri.actions.verbs import MODERATION_VERBS

    return Action.objects.filter(verb__in=MODERATION_VERBS).select_related("actor", "target_type")
