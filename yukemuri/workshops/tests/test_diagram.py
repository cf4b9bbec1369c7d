"""The issue-structure diagram: editing rules, promotion with provenance, exports, quick idea capture."""

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from yukemuri.events import services as events
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue
from yukemuri.regions.models import Area
from yukemuri.workshops import services
from yukemuri.workshops.models import Edge, Node


@pytest.fixture
def english():
    """Refusals are matched by their English msgids here; the pages' tests read them in Japanese."""
    with translation.override("en"):
        yield


@pytest.fixture
def session(gunma):
    host = organiser()
    series = events.series_create(by=host, title="未来共創ワークショップ 2023 高崎安中",
                                  place={"area": Area.objects.get(name="高崎安中")})
    event = make_event(host, series=series, session_number=2, title="第2回 課題の構造図")
    return host, event


@pytest.fixture
def participant(session, person):
    events.register(event=session[1], person=person)
    return person


def _build(diagram, by):
    add = lambda kind, label: services.node_add(diagram=diagram, by=by, kind=kind, label=label)  # noqa: E731
    nodes = {
        "cause": add("cause", "若者の転出"), "problem": add("problem", "空き家が増える"),
        "effect": add("effect", "景観の悪化"), "asset": add("asset", "古民家"), "idea": add("idea", "古民家カフェ"),
    }
    link = lambda s, t, k: services.edge_add(diagram=diagram, by=by, source=nodes[s], target=nodes[t], kind=k)  # noqa: E731
    link("cause", "problem", "causes")
    link("problem", "effect", "leads_to")
    link("idea", "problem", "addresses")
    link("asset", "idea", "leads_to")
    return nodes


def test_people_at_the_table_and_organisers_edit_others_do_not(english, session, participant, other_person):
    host, event = session
    diagram = services.diagram_create(event=event, by=participant, title="テーブルA")
    services.node_add(diagram=diagram, by=host, kind="problem", label="空き家")
    with pytest.raises(PermissionDenied):
        services.node_add(diagram=diagram, by=other_person, kind="problem", label="荒らし")
    assert diagram.nodes.count() == 1


def test_edges_are_checked(english, session, participant):
    _host, event = session
    diagram = services.diagram_create(event=event, by=participant, title="テーブルA")
    other = services.diagram_create(event=event, by=participant, title="テーブルB")
    a = services.node_add(diagram=diagram, by=participant, kind="cause", label="A")
    b = services.node_add(diagram=diagram, by=participant, kind="problem", label="B")
    c = services.node_add(diagram=other, by=participant, kind="problem", label="C")
    services.edge_add(diagram=diagram, by=participant, source=a, target=b, kind="causes")
    for source, target, kind, message in ((a, b, "causes", "already"), (a, a, "causes", "two different"),
                                          (a, c, "causes", "this diagram"), (a, b, "likes", "relate")):
        with pytest.raises(ValidationError, match=message):
            services.edge_add(diagram=diagram, by=participant, source=source, target=target, kind=kind)
    services.node_remove(node=b, by=participant)
    assert not Edge.objects.exists()


def test_promotion_keeps_provenance_and_links_the_idea_to_the_issue(english, client, session, participant):
    _host, event = session
    diagram = services.diagram_create(event=event, by=participant, title="テーブルA")
    nodes = _build(diagram, participant)
    issue = services.promote(node=nodes["problem"], by=participant)
    idea = services.promote(node=nodes["idea"], by=participant)
    assert isinstance(issue, Issue) and issue.origin_event == event and issue.area.name == "高崎安中"
    assert isinstance(idea, Idea) and idea.origin_event == event and list(idea.issues.all()) == [issue]
    with pytest.raises(ValidationError, match="already"):
        services.promote(node=Node.objects.get(pk=nodes["problem"].pk), by=participant)
    with pytest.raises(ValidationError):
        services.promote(node=nodes["cause"], by=participant)
    for url in (issue.get_absolute_url(), idea.get_absolute_url()):
        born = client.get(url).content.decode().split('class="born-at"')[1].split("</dd>")[0]
        assert "未来共創ワークショップ 2023 高崎安中" in born and "第2回 課題の構造図" in born


def test_diagram_page_has_svg_and_list_and_exports(client, session, participant):
    _host, event = session
    diagram = services.diagram_create(event=event, by=participant, title="テーブルA")
    _build(diagram, participant)
    page = client.get(diagram.get_absolute_url()).content.decode()
    svg = page.split('<div class="diagram-figure" id="diagram">')[1].split("</div>")[0]
    ET.fromstring(svg)  # well-formed
    assert svg.count("<g class=\"node") == 5
    listing = page.split('id="as-list"')[1].split("</section>")[0]
    assert "原因: 若者の転出" in listing and "引き起こす → " in listing
    data = json.loads(client.get(reverse("diagram_json", args=[diagram.pk])).content)
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 4 and data["session"]["series"].endswith("高崎安中")
    graph = nx.read_graphml(__import__("io").BytesIO(client.get(reverse("diagram_graphml", args=[diagram.pk])).content))
    assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 4
    assert {d["label"] for _n, d in graph.nodes(data=True)} >= {"空き家が増える", "古民家カフェ"}


def test_diagram_editing_works_with_plain_forms(client, session, participant):
    _host, event = session
    client.force_login(participant)
    response = client.post(reverse("diagram_new", args=[event.pk]), {"title": "テーブルA"})
    diagram = event.diagrams.get()
    assert response.url == diagram.get_absolute_url()
    client.post(reverse("node_new", args=[diagram.pk]), {"kind": "problem", "label": "空き家"})
    client.post(reverse("node_new", args=[diagram.pk]), {"kind": "cause", "label": "人口減少"})
    bad = client.post(reverse("node_new", args=[diagram.pk]), {"kind": "problem", "label": ""})
    assert bad.status_code == 400 and "このフィールドは必須です" in bad.content.decode()
    problem, cause = diagram.nodes.order_by("id")
    client.post(reverse("edge_new", args=[diagram.pk]), {"source": cause.pk, "target": problem.pk, "kind": "causes"})
    assert diagram.edges.get().source == cause
    response = client.post(reverse("node_promote", args=[problem.pk]))
    issue = Issue.objects.get(title="空き家")
    assert response.url == issue.get_absolute_url() and issue.origin_event == event


def test_quick_capture_puts_ideas_on_the_ideas_page_with_provenance(client, session, participant):
    host, event = session
    capture = make_event(host, series=event.series, session_number=3, title="第3回 アイデア出し", days=21)
    diagram = services.diagram_create(event=event, by=participant, title="テーブルA")
    problem = services.node_add(diagram=diagram, by=participant, kind="problem", label="空き家が増える")
    issue = services.promote(node=problem, by=participant)
    client.force_login(participant)
    page = client.get(reverse("capture_idea", args=[capture.pk])).content.decode()
    assert f'value="{issue.pk}"' in page  # the series' issues are offered
    response = client.post(reverse("capture_idea", args=[capture.pk]), {
        "title": "空き家DIYの会", "body": "月に一度、空き家をみんなで直す。", "place": "m:102024", "themes": "空き家",
        "issues": [issue.pk], "more_issues": ""})
    assert response.status_code == 302
    idea = Idea.objects.get(title="空き家DIYの会")
    assert idea.origin_event == capture and list(idea.issues.all()) == [issue]
    assert "空き家DIYの会" in client.get("/ideas/").content.decode()
    assert "第3回 アイデア出し" in client.get(idea.get_absolute_url()).content.decode()
