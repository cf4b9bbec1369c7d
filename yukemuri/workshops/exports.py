"""A diagram as data: JSON for programs, GraphML (via networkx) for graph tools such as yEd or Gephi."""

import io

import networkx as nx


def as_json(diagram, nodes, edges, base_url: str = "") -> dict:
    event = diagram.event
    return {
        "diagram": {"id": diagram.pk, "title": diagram.title, "updated_at": diagram.updated_at.isoformat()},
        "session": {"id": event.pk, "title": event.title, "series": event.series.title if event.series_id else None,
                    "municipality": event.municipality.code if event.municipality_id else None,
                    "url": base_url + event.get_absolute_url()},
        "nodes": [{"id": n.pk, "kind": n.kind, "label": n.label, "note": n.note,
                   "issue": n.promoted_issue_id, "idea": n.promoted_idea_id} for n in nodes],
        "edges": [{"id": e.pk, "source": e.source_id, "target": e.target_id, "kind": e.kind} for e in edges],
    }


def as_graphml(diagram, nodes, edges) -> bytes:
    graph = nx.MultiDiGraph(name=diagram.title)
    for n in nodes:
        graph.add_node(f"n{n.pk}", kind=n.kind, label=n.label, note=n.note,
                       issue=n.promoted_issue_id or 0, idea=n.promoted_idea_id or 0)
    for e in edges:
        graph.add_edge(f"n{e.source_id}", f"n{e.target_id}", key=f"e{e.pk}", kind=e.kind)
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8")
    return out.getvalue()
