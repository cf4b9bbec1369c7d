"""The diagram layout: deterministic, layered, no overlaps, safe SVG. Pure Python — no database."""

import random
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yukemuri.workshops.layout import NODE_STYLE, TEXT, clean_label, layout, render_svg, text_units, wrap_label

SVG = "{http://www.w3.org/2000/svg}"
KINDS = ["problem", "cause", "effect", "asset", "idea"]
EDGE_KINDS = ["causes", "leads_to", "addresses"]
NODE_LABELS = {"problem": "課題", "cause": "原因", "effect": "影響", "asset": "地域資源", "idea": "アイデア"}
EDGE_LABELS = {"causes": "原因となる", "leads_to": "つながる", "addresses": "取り組む"}


def svg_of(nodes, edges, **kw):
    return render_svg(layout(nodes, edges), title="構造図", description="説明", node_kind_labels=NODE_LABELS,
                      edge_kind_labels=EDGE_LABELS, **kw)


def reaches(edges, start, goal):
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for s, t, _k in edges:
            if s == node and t not in seen:
                seen.add(t)
                todo.append(t)
    return False


@st.composite
def graphs(draw, acyclic=False):
    ids = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=14, unique=True))
    nodes = [(i, draw(st.sampled_from(KINDS)), draw(st.text(max_size=30))) for i in ids]
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(EDGE_KINDS))
    raw = draw(st.lists(pairs, max_size=30, unique=True))
    # Acyclic: only edges from a smaller to a larger id. Otherwise anything but self-loops (the database forbids them).
    edges = [(s, t, k) for s, t, k in raw if (s < t if acyclic else s != t)]
    return nodes, edges


def shuffled(items, seed):
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


@settings(max_examples=60)
@given(graphs(), st.integers())
def test_input_order_does_not_matter(graph, seed):
    nodes, edges = graph
    expected = svg_of(nodes, edges)
    assert svg_of(shuffled(nodes, seed), shuffled(edges, seed + 1)) == expected
    assert layout(shuffled(nodes, seed), shuffled(edges, seed)) == layout(nodes, edges)


@settings(max_examples=40)
@given(graphs(acyclic=True), st.integers())
def test_dag_input_order_does_not_matter(graph, seed):
    nodes, edges = graph
    assert svg_of(shuffled(nodes, seed), shuffled(edges, seed)) == svg_of(nodes, edges)


def check_structure(nodes, edges):
    lay = layout(nodes, edges)
    assert sorted((r.source, r.target, r.kind) for r in lay.routes) == sorted(edges)
    for r in lay.routes:
        src, dst = lay.boxes[r.source].layer, lay.boxes[r.target].layer
        if r.reversed:
            assert dst < src
            assert reaches(edges, r.target, r.source)  # a reversed edge really closes a cycle
        else:
            assert src < dst
        assert len(r.points) == 2 * abs(dst - src)  # one point on each border, two per dummy row
        first, last = r.points[0], r.points[-1]
        a, b = lay.boxes[r.source], lay.boxes[r.target]
        assert a.x <= first[0] <= a.x + a.width and first[1] in (a.y, a.y + a.height)
        assert b.x <= last[0] <= b.x + b.width and last[1] in (b.y, b.y + b.height)
    boxes = list(lay.boxes.values())
    assert {b.id for b in boxes} == {n[0] for n in nodes}
    for box in boxes:
        assert 0 <= box.x and box.x + box.width <= lay.width
        assert 0 <= box.y and box.y + box.height <= lay.height
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a.x + a.width <= b.x or b.x + b.width <= a.x or a.y + a.height <= b.y or b.y + b.height <= a.y)
            assert apart, (a, b)
    return lay


@settings(max_examples=80)
@given(graphs())
def test_layers_routes_and_boxes(graph):
    check_structure(*graph)


@settings(max_examples=40)
@given(graphs(acyclic=True))
def test_acyclic_graph_has_nothing_reversed(graph):
    lay = check_structure(*graph)
    assert not any(r.reversed for r in lay.routes)


def test_cycle_reverses_one_edge_found_by_dfs_in_id_order():
    nodes = [(1, "cause", "a"), (2, "problem", "b"), (3, "effect", "c")]
    edges = [(1, 2, "causes"), (2, 3, "leads_to"), (3, 1, "leads_to")]
    lay = check_structure(nodes, edges)
    assert [(r.source, r.target) for r in lay.routes if r.reversed] == [(3, 1)]
    assert [lay.boxes[i].layer for i in (1, 2, 3)] == [0, 1, 2]
    back = next(r for r in lay.routes if r.reversed)
    # Still drawn from the source: it starts on 3's top border and ends on 1's bottom border.
    assert back.points[0][1] == lay.boxes[3].y and back.points[-1][1] == lay.boxes[1].y + lay.boxes[1].height


def test_two_way_pair():
    lay = check_structure([(5, "problem", "x"), (9, "problem", "y")], [(9, 5, "causes"), (5, 9, "causes")])
    assert [r.reversed for r in lay.routes] == [False, True]
    assert lay.routes[0].points != tuple(reversed(lay.routes[1].points))  # separate ports, not drawn on top of each other


def test_diamond():
    nodes = [(4, "effect", "d"), (3, "problem", "c"), (2, "problem", "b"), (1, "cause", "a")]
    edges = [(1, 2, "causes"), (1, 3, "causes"), (2, 4, "leads_to"), (3, 4, "leads_to")]
    lay = check_structure(nodes, edges)
    assert [lay.boxes[i].layer for i in (1, 2, 3, 4)] == [0, 1, 1, 2]
    assert lay.boxes[2].x < lay.boxes[3].x
    assert not any(r.reversed for r in lay.routes)


def test_long_edge_goes_through_a_dummy_and_isolated_nodes_come_last_in_layer_0():
    nodes = [(1, "asset", "a"), (2, "problem", "b"), (3, "idea", "c"), (7, "idea", "alone"), (0, "cause", "alone too")]
    lay = check_structure(nodes, [(1, 2, "causes"), (2, 3, "addresses"), (1, 3, "addresses")])
    assert [lay.boxes[i].layer for i in (1, 2, 3, 0, 7)] == [0, 1, 2, 0, 0]
    long = next(r for r in lay.routes if (r.source, r.target) == (1, 3))
    assert len(long.points) == 4
    assert lay.boxes[1].x < lay.boxes[0].x < lay.boxes[7].x


def test_crossings_are_removed_by_the_sweeps():
    # Ids put 3 left of 4, but 3's only parent (2) sits right of 4's parent (1) … then swap: no crossing remains.
    nodes = [(1, "cause", "a"), (2, "cause", "b"), (3, "problem", "c"), (4, "problem", "d")]
    lay = layout(nodes, [(1, 4, "causes"), (2, 3, "causes")])
    assert lay.boxes[4].x < lay.boxes[3].x


def test_self_loops_and_unknown_ends_are_ignored_and_duplicate_ids_refused():
    lay = layout([(1, "problem", "a"), (2, "cause", "b")], [(1, 1, "causes"), (2, 1, "causes"), (2, 99, "causes")])
    assert [(r.source, r.target) for r in lay.routes] == [(2, 1)]
    with pytest.raises(ValueError):
        layout([(1, "problem", "a"), (1, "cause", "b")], [])


@pytest.mark.parametrize("label", [
    "地域の担い手不足による耕作放棄地の増加と獣害の深刻化が続いている問題について関係者で話し合う",
    "あ" * 40,
])
def test_long_japanese_label_is_cut_to_three_lines(label):
    lines = wrap_label(label)
    assert len(lines) == 3
    assert all(text_units(line) <= 20 for line in lines)
    assert lines[-1].endswith("…")
    assert "".join(lines)[:-1] == label[: len("".join(lines)) - 1]


def test_wrapping_rules():
    assert wrap_label("空き家の増加") == ("空き家の増加",)
    assert wrap_label("Shortage of young farmers in a valley") == ("Shortage of young", "farmers in a valley")
    assert wrap_label("x" * 45) == ("x" * 20, "x" * 20, "x" * 5)
    assert wrap_label("  \n ") == ()
    # No line starts with 。 or ー: the character before goes down with it.
    lines = wrap_label("あいうえおかきくけこ。さしすせそ")
    assert lines == ("あいうえおかきくけ", "こ。さしすせそ")
    assert text_units("aあ…") == 5


@settings(max_examples=200)
@given(st.text(max_size=80))
def test_wrapping_any_text(label):
    lines = wrap_label(label)
    assert len(lines) <= 3
    for line in lines:
        assert line and line == line.strip() and text_units(line) <= 20
    if not (lines and lines[-1].endswith("…")):  # nothing but spaces is lost
        assert "".join(lines).replace(" ", "") == clean_label(label).replace(" ", "")


def parse(svg):
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def test_svg_escapes_labels_and_is_well_formed():
    evil = "<script>alert('x')</script> & \"q\""
    svg = svg_of([(1, "problem", evil), (2, "idea", "A&B <i>")], [(2, 1, "addresses")], id_prefix="d42")
    assert "<script" not in svg and "<i>" not in svg
    root = parse(svg)
    node = root.find(f".//{SVG}g[@data-node='1']")
    assert node.get("class") == "node node-problem"
    spans = [t.text for t in node.iter(f"{SVG}tspan")]
    assert spans[0] == "課題"
    assert spans[1:] == list(wrap_label(evil))
    assert "".join(spans[1:]).replace(" ", "") == evil.replace(" ", "")
    assert node.find(f"{SVG}title").text == f"課題: {evil}"
    path = root.find(f".//{SVG}path[@marker-end]")
    assert path.find(f"{SVG}title").text == f"A&B <i> → 取り組む → {evil}"
    assert path.get("marker-end") == "url(#d42-arrow)"
    assert root.find(f".//{SVG}marker").get("id") == "d42-arrow"
    assert root.get("aria-labelledby") == "d42-title d42-desc"
    assert root.find(f"{SVG}title").get("id") == "d42-title"
    assert root.find(f"{SVG}desc").get("id") == "d42-desc"


@settings(max_examples=60)
@given(graphs())
def test_any_graph_renders_well_formed_csp_safe_svg(graph):
    nodes, edges = graph
    svg = svg_of(nodes, edges)
    root = parse(svg)
    lay = layout(nodes, edges)
    view = [float(v) for v in root.get("viewBox").split()]
    assert view[:2] == [0, 0] and view[2] == pytest.approx(lay.width, abs=0.05) and view[3] == pytest.approx(lay.height, abs=0.05)
    assert len(root.findall(f".//{SVG}g[@data-node]")) == len(nodes)
    assert len(root.findall(f".//{SVG}path[@marker-end]")) == len(edges)
    for element in root.iter():
        assert "style" not in element.attrib
        assert element.tag not in (f"{SVG}style", f"{SVG}script", f"{SVG}image", f"{SVG}foreignObject")
        assert not any(k.endswith("href") for k in element.attrib)
    assert "javascript:" not in svg and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_control_characters_are_dropped():
    root = parse(svg_of([(1, "cause", "a\x00b\x1fc\ufffe")], []))
    assert [t.text for t in root.iter(f"{SVG}tspan")][1:] == ["abc"]


def test_empty_graph():
    lay = layout([], [])
    assert lay.width > 0 and lay.height > 0 and lay.boxes == {} and lay.routes == ()
    root = parse(svg_of([], [], empty_text="まだ何もありません"))
    assert root.find(f"{SVG}title").text == "構造図"
    assert "まだ何もありません" in [t.text for t in root.iter(f"{SVG}text")]


def test_two_diagrams_on_a_page_do_not_share_ids():
    graph = ([(1, "cause", "a"), (2, "effect", "b")], [(1, 2, "leads_to")])
    ids_a = set(re.findall(r' id="([^"]+)"', svg_of(*graph, id_prefix="d1")))
    ids_b = set(re.findall(r' id="([^"]+)"', svg_of(*graph, id_prefix="d2")))
    assert ids_a and not ids_a & ids_b
    with pytest.raises(ValueError):
        svg_of(*graph, id_prefix='x" onload="alert(1)')


def luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("kind", KINDS)
def test_text_contrast_and_border_style_per_kind(kind):
    fill, border, extra = NODE_STYLE[kind]
    light, dark = sorted([luminance(fill), luminance(TEXT)], reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5
    assert (luminance(fill) + 0.05) / (luminance(border) + 0.05) >= 3  # the border itself is visible
    # Each kind has its own border style, not just its own colour.
    assert [extra for k, (_f, _b, extra) in NODE_STYLE.items() if k != kind].count(extra) == 0


def test_edge_kinds_differ_by_dash():
    root = parse(svg_of([(1, "cause", "a"), (2, "problem", "b"), (3, "idea", "c"), (4, "effect", "d")],
                        [(1, 2, "causes"), (3, 2, "addresses"), (2, 4, "leads_to")]))
    dashes = {p.get("class"): p.get("stroke-dasharray") for p in root.iter(f"{SVG}path") if p.get("marker-end")}
    assert len(set(dashes.values())) == 3
