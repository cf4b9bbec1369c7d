"""What workshop sessions produced: diagrams, and the issues and ideas born there."""

from django.db.models import Count, Q

from yukemuri.core.models import Visibility
from yukemuri.ideas.selectors import idea_cards
from yukemuri.issues.selectors import issue_list

from .models import Diagram, Edge, Node


def produced_by(events) -> dict:
    """Per event id: its diagrams, and the published issues and ideas born there (3 queries)."""
    ids = [e.pk for e in events]
    out = {pk: {"diagrams": [], "issues": [], "ideas": []} for pk in ids}
    for diagram in Diagram.objects.filter(event__in=ids).annotate(node_total=Count("nodes")):
        out[diagram.event_id]["diagrams"].append(diagram)
    published = Q(ideas__visibility=Visibility.PUBLISHED)
    for issue in issue_list().filter(origin_event__in=ids).annotate(idea_count=Count("ideas", filter=published)).order_by("id"):
        out[issue.origin_event_id]["issues"].append(issue)
    for idea in idea_cards().filter(origin_event__in=ids).order_by("id"):
        out[idea.origin_event_id]["ideas"].append(idea)
    return out


def diagram_detail(pk: int):
    return (Diagram.objects.select_related("event", "event__series", "event__municipality", "event__area")
            .filter(pk=pk).first())


def graph_of(diagram):
    nodes = list(Node.objects.filter(diagram=diagram).select_related("promoted_issue", "promoted_idea"))
    edges = list(Edge.objects.filter(diagram=diagram))
    return nodes, edges
