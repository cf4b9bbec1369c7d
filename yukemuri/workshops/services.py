"""Services of a workshop session: the issue-structure diagram (課題の構造図), promoting its nodes
to regional issues and ideas, and capturing ideas at the table (第3回 アイデア出し)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yukemuri.core.permissions import require
from yukemuri.ideas import services as ideas
from yukemuri.issues import services as issues

from .models import Diagram, Edge, Node

AT_THE_TABLE_ONLY = gettext_lazy("Only the people at this session and its organisers can edit its diagrams.")


def diagram_create(*, event, by, title: str) -> Diagram:
    require(by, "workshops.edit_diagram", event, AT_THE_TABLE_ONLY)
    if not title.strip():
        raise ValidationError({"title": _("Name the group or theme.")})
    return Diagram.objects.create(event=event, title=title.strip(), created_by=by)


def node_add(*, diagram: Diagram, by, kind: str, label: str, note: str = "") -> Node:
    require(by, "workshops.edit_diagram", diagram.event, AT_THE_TABLE_ONLY)
    if kind not in Node.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of box.")})
    if not label.strip():
        raise ValidationError({"label": _("Write what the box says.")})
    node = Node.objects.create(diagram=diagram, kind=kind, label=label.strip(), note=note.strip())
    Diagram.objects.filter(pk=diagram.pk).update(updated_at=node.created_at)
    return node


def node_update(*, node: Node, by, kind: str, label: str, note: str = "") -> Node:
    require(by, "workshops.edit_diagram", node.diagram.event, AT_THE_TABLE_ONLY)
    if kind not in Node.Kind.values or not label.strip():
        raise ValidationError({"label": _("Write what the box says.")})
    node.kind, node.label, node.note = kind, label.strip(), note.strip()
    node.save(update_fields=["kind", "label", "note"])
    return node


def node_remove(*, node: Node, by) -> None:
    require(by, "workshops.edit_diagram", node.diagram.event, AT_THE_TABLE_ONLY)
    node.delete()  # its arrows go with it


def edge_add(*, diagram: Diagram, by, source: Node, target: Node, kind: str) -> Edge:
    require(by, "workshops.edit_diagram", diagram.event, AT_THE_TABLE_ONLY)
    if kind not in Edge.Kind.values:
        raise ValidationError({"kind": _("Choose how the boxes relate.")})
    if source.diagram_id != diagram.pk or target.diagram_id != diagram.pk:
        raise ValidationError({"target": _("Both boxes must be in this diagram.")})
    if source.pk == target.pk:
        raise ValidationError({"target": _("An arrow needs two different boxes.")})
    edge, created = Edge.objects.get_or_create(diagram=diagram, source=source, target=target, kind=kind)
    if not created:
        raise ValidationError({"target": _("This arrow is already there.")})
    return edge


def edge_remove(*, edge: Edge, by) -> None:
    require(by, "workshops.edit_diagram", edge.diagram.event, AT_THE_TABLE_ONLY)
    edge.delete()


def _place_of(event):
    if event.municipality_id:
        return {"municipality": event.municipality}
    if event.area_id:
        return {"area": event.area}
    return {"prefecture": event.prefecture}


def _provenance_text(node: Node) -> str:
    event = node.diagram.event
    series = f"{event.series.title} " if event.series_id else ""
    return _("From the issue-structure diagram “%(diagram)s” of %(series)s%(event)s.") % {
        "diagram": node.diagram.title, "series": series, "event": event.title}


@transaction.atomic
def promote(*, node: Node, by):
    """Make a problem box a regional issue, or an idea box an idea, keeping where it was born.

    An idea answers the issues already promoted from the problems its arrows address."""
    node = Node.objects.select_for_update(of=("self",)).select_related("diagram__event__series").get(pk=node.pk)
    event = node.diagram.event
    require(by, "workshops.edit_diagram", event, AT_THE_TABLE_ONLY)
    body = "\n\n".join(part for part in (node.note, _provenance_text(node)) if part)
    if node.kind == Node.Kind.PROBLEM:
        if node.promoted_issue_id:
            raise ValidationError(_("This box is already a regional issue."))
        node.promoted_issue = issues.issue_create(author=by, title=node.label, body=body, place=_place_of(event),
                                                  origin_event=event)
        node.save(update_fields=["promoted_issue"])
        return node.promoted_issue
    if node.kind == Node.Kind.IDEA:
        if node.promoted_idea_id:
            raise ValidationError(_("This box is already an idea."))
        answered = (Node.objects.filter(in_edges__source=node, in_edges__kind=Edge.Kind.ADDRESSES,
                                        promoted_issue__isnull=False).values_list("promoted_issue", flat=True))
        node.promoted_idea = ideas.idea_create(author=by, title=node.label, body=body, place=_place_of(event),
                                               issue_ids=list(answered), origin_event=event)
        node.save(update_fields=["promoted_idea"])
        return node.promoted_idea
    raise ValidationError(_("Only problems become issues and only ideas become ideas."))


def capture_idea(*, event, by, title: str, body: str, place=None, theme_names=(), issue_ids=()):
    """第3回 アイデア出し: an idea typed at the table goes straight into the ideas, with its provenance."""
    require(by, "workshops.edit_diagram", event, AT_THE_TABLE_ONLY)
    return ideas.idea_create(author=by, title=title, body=body, place=place or _place_of(event),
                             theme_names=theme_names, issue_ids=issue_ids, origin_event=event)
