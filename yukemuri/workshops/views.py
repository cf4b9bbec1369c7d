"""Workshop pages: series, the issue-structure diagram editor (plain forms), promotion, idea capture."""

import json
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import require
from yukemuri.core.ratelimits import limit
from yukemuri.core.text import id_from
from yukemuri.core.views_helpers import submit_form
from yukemuri.events import selectors as events
from yukemuri.events import services as event_services
from yukemuri.events.forms import SeriesForm
from yukemuri.events.models import Event
from yukemuri.issues.selectors import issues_for_ids

from . import exports, layout, services
from .forms import DiagramForm, EdgeForm, NodeForm, QuickIdeaForm
from .models import Edge, Node
from .selectors import diagram_detail, graph_of, produced_by


def series_index(request):
    return render(request, "workshops/index.html", {
        "series_list": list(events.series_list()),
        "can_organise": request.user.has_perm("events.organise"),
    })


def series_show(request, pk):
    series = events.series_detail(pk)
    if series is None:
        raise Http404(_("No such series."))
    sessions = list(events.sessions_of(series))
    produced = produced_by(sessions)
    return render(request, "workshops/series.html", {
        "series": series,
        "sessions": [(s, produced[s.pk]) for s in sessions],
        "can_manage": request.user.has_perm("events.manage_series", series),
    })


@login_required
@limit("organise", form=True, exempt=lambda request: request.user.has_perm("events.organise"))
def series_new(request):
    require(request.user, "events.organise",
            message=_("Only coordinators, municipal staff and verified organisations can organise events."))
    form = SeriesForm(request.POST or None, user=request.user)
    return submit_form(request, form, partial(event_services.series_create, by=request.user),
                       success=_("The series is created. Now add its sessions."),
                       page=lambda: render(request, "workshops/series_form.html", {"form": form}))


def _session(pk) -> Event:
    event = events.event_detail(pk)
    if event is None:
        raise Http404(_("No such event."))
    return event


@require_POST
@login_required
def diagram_new(request, event_pk):
    event = _session(event_pk)
    form = DiagramForm(request.POST)
    if form.is_valid():
        try:
            diagram = services.diagram_create(event=event, by=request.user, title=form.cleaned_data["title"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            return redirect(diagram)
    else:
        messages.error(request, _("Name the group or theme."))
    return redirect(event)


def _diagram(pk):
    diagram = diagram_detail(pk)
    if diagram is None:
        raise Http404(_("No such diagram."))
    return diagram


def kind_labels():
    return dict(Node.Kind.choices), dict(Edge.Kind.choices)


def diagram_show(request, pk, node_form=None, edge_form=None, status=200):
    diagram = _diagram(pk)
    nodes, edges = graph_of(diagram)
    node_kinds, edge_kinds = kind_labels()
    placed = layout.layout([(n.pk, n.kind, n.label) for n in nodes], [(e.source_id, e.target_id, e.kind) for e in edges])
    svg = layout.render_svg(
        placed, title=_("Issue-structure diagram: %(title)s") % {"title": diagram.title},
        description=_("%(nodes)s boxes and %(edges)s arrows; the same content follows as a list.")
        % {"nodes": len(nodes), "edges": len(edges)},
        node_kind_labels={k: str(v) for k, v in node_kinds.items()}, empty_text=_("No boxes yet."),
        edge_kind_labels={k: str(v) for k, v in edge_kinds.items()}, id_prefix=f"d{diagram.pk}",
    )
    by_id = {n.pk: n for n in nodes}
    outgoing = {n.pk: [] for n in nodes}
    for e in edges:
        outgoing[e.source_id].append((e, by_id[e.target_id]))
    can_edit = request.user.has_perm("workshops.edit_diagram", diagram.event)
    return render(request, "workshops/diagram.html", {
        "diagram": diagram, "event": diagram.event, "svg": svg, "can_edit": can_edit,
        "nodes": [(n, outgoing[n.pk]) for n in nodes], "edges": edges,
        "node_form": node_form or NodeForm(), "edge_form": edge_form or EdgeForm(nodes=nodes),
        "legend_nodes": [(mark_safe(layout.node_swatch(k)), v) for k, v in node_kinds.items()],
        "legend_edges": [(mark_safe(layout.edge_swatch(k)), v) for k, v in edge_kinds.items()],
    }, status=status)


@require_POST
@login_required
def node_new(request, pk):
    diagram = _diagram(pk)
    form = NodeForm(request.POST)
    return submit_form(request, form, partial(services.node_add, diagram=diagram, by=request.user),
                       to=diagram.get_absolute_url() + "#add-node", page=lambda: diagram_show(request, pk, node_form=form))


@require_POST
@login_required
def edge_new(request, pk):
    diagram = _diagram(pk)
    nodes, _edges = graph_of(diagram)
    form = EdgeForm(request.POST, nodes=nodes)
    by_id = {n.pk: n for n in nodes}
    return submit_form(request, form, lambda source, target, kind: services.edge_add(
                           diagram=diagram, by=request.user, source=by_id[source], target=by_id[target], kind=kind),
                       to=diagram.get_absolute_url() + "#add-edge", page=lambda: diagram_show(request, pk, edge_form=form))


@require_POST
@login_required
def node_delete(request, pk):
    node = get_object_or_404(Node.objects.select_related("diagram__event"), pk=pk)
    services.node_remove(node=node, by=request.user)
    messages.info(request, _("The box and its arrows are removed."))
    return redirect(node.diagram)


@require_POST
@login_required
def edge_delete(request, pk):
    edge = get_object_or_404(Edge.objects.select_related("diagram__event"), pk=pk)
    services.edge_remove(edge=edge, by=request.user)
    messages.info(request, _("The arrow is removed."))
    return redirect(edge.diagram)


@require_POST
@login_required
@limit("capture")
def node_promote(request, pk):
    node = get_object_or_404(Node.objects.select_related("diagram__event"), pk=pk)
    try:
        post = services.promote(node=node, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(node.diagram)
    messages.success(request, _("“%(title)s” is now published, with the session it was born at.") % {"title": post.title})
    return redirect(post)


def diagram_json(request, pk):
    diagram = _diagram(pk)
    nodes, edges = graph_of(diagram)
    data = exports.as_json(diagram, nodes, edges, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="diagram-{diagram.pk}.json"'
    return response


def diagram_graphml(request, pk):
    diagram = _diagram(pk)
    nodes, edges = graph_of(diagram)
    response = HttpResponse(exports.as_graphml(diagram, nodes, edges), content_type="application/graphml+xml")
    response["Content-Disposition"] = f'attachment; filename="diagram-{diagram.pk}.graphml"'
    return response


def _runs_session(request, event_pk) -> bool:
    """The session's organisers (its facilitators) capture at its tables without counting; the people at
    the tables have the generous capture budget, apart from the posting one."""
    return request.user.has_perm("events.manage_event", Event.objects.filter(pk=event_pk).first())


def _series_issues(event):
    """Issues born in this series' sessions: the ones an idea captured at session 3 most likely answers."""
    sessions = events.sessions_of(event.series) if event.series_id else [event]
    found = produced_by(list(sessions))
    return [issue for bundle in found.values() for issue in bundle["issues"]]


@login_required
@limit("capture", form=True, exempt=lambda request, event_pk: _runs_session(request, event_pk))
def capture_idea(request, event_pk):
    """Quick capture at the table: submit, see it counted, type the next one."""
    event = _session(event_pk)
    require(request.user, "workshops.edit_diagram", event,
            message=_("Only the people at this session and its organisers can add its ideas."))
    offered = _series_issues(event)
    offered += [i for i in issues_for_ids([n for n in map(id_from, request.POST.getlist("issues")) if n is not None])
                if i not in offered]
    initial = {"place": f"m:{event.municipality.code}" if event.municipality_id else (
        f"a:{event.area_id}" if event.area_id else "")}
    form = QuickIdeaForm(request.POST or None, initial=initial, user=request.user, offered_issues=offered)
    return submit_form(request, form, partial(services.capture_idea, event=event, by=request.user),
                       success=lambda idea: _("Captured: “%(title)s”. Type the next idea, or go back to the session.")
                       % {"title": idea.title},
                       to=reverse("capture_idea", kwargs={"event_pk": event.pk}),
                       page=lambda: render(request, "workshops/capture.html", {
                           "event": event, "form": form, "captured": produced_by([event])[event.pk]["ideas"]}))
