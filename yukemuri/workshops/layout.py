"""Deterministic layered (Sugiyama-style) layout and SVG rendering for the issue-structure diagram.

Pure Python, no models: the views pass plain tuples. Same graph in any input order → byte-identical SVG.
Steps: break cycles (DFS in id order) → longest-path layers → dummy vertices on long edges →
barycenter ordering sweeps → coordinates (each layer centred) → polylines through the dummies.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html import escape
from itertools import pairwise

# Geometry, in px. UNIT is one half-width character; a 14px CJK glyph (2 units) fits in 16px.
UNIT = 8
MAX_UNITS = 20
MAX_LINES = 3
PAD_X, PAD_Y = 10, 8
KIND_H, LINE_H = 14, 18
MIN_BOX_W = 88
GAP_X, DUMMY_W, GAP_Y = 24, 12, 56
MARGIN = 16
SWEEPS = 4
EMPTY_W, EMPTY_H = 320.0, 80.0

FONT = "'Noto Sans CJK JP', 'Noto Sans JP', sans-serif"
TEXT = "#1a1a1a"
EDGE = "#4a4a4a"
# fill, border, extra rect attributes: the border style repeats the kind so colour is not the only cue.
NODE_STYLE = {
    "problem": ("#fde2e1", "#b42318", 'stroke-width="3" rx="4"'),
    "cause": ("#fff1d6", "#8a5300", 'stroke-width="2" stroke-dasharray="7 4" rx="4"'),
    "effect": ("#e8e4fb", "#5b3fb5", 'stroke-width="2" stroke-dasharray="1 4" stroke-linecap="round" rx="4"'),
    "asset": ("#def5e5", "#1f6f3f", 'stroke-width="1" rx="4"'),  # plus an inner rect: a double line
    "idea": ("#dcecff", "#1d5fa8", 'stroke-width="2" rx="14"'),
}
EDGE_DASH = {"causes": "", "leads_to": ' stroke-dasharray="8 4"', "addresses": ' stroke-dasharray="2 4"'}

# Kinsoku: no line may start with closing punctuation or small kana, nor end with an opening bracket.
NO_START = set("、。，．,.)）]］」』】〕〉》!！?？:：;；ー…・ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_END = set("(（[［「『【〔〈《")
# Characters XML 1.0 forbids; a label from a form could still hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Box:
    id: int
    kind: str
    x: float
    y: float
    width: float
    height: float
    layer: int
    lines: tuple[str, ...]
    label: str = ""  # the whole (cleaned) label, for tooltips when lines are cut


@dataclass(frozen=True)
class Route:
    source: int
    target: int
    kind: str
    points: tuple[tuple[float, float], ...]
    reversed: bool


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: dict[int, Box]
    routes: tuple[Route, ...]


# --- text ---------------------------------------------------------------------------------------

def clean_label(label: str) -> str:
    """One line of XML-safe text: whitespace runs collapse to one space."""
    return " ".join(_NOT_XML.sub("", label).split())


def char_units(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    # Ambiguous-width characters (…, →, ○) are drawn full-width by CJK fonts, so they count as wide too.
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def text_units(text: str) -> int:
    return sum(char_units(ch) for ch in text)


def _can_break(before: str, after: str) -> bool:
    if before == " " or after == " ":
        return True
    if unicodedata.combining(after) or after in NO_START or before in NO_END:
        return False
    return char_units(before) == 2 or char_units(after) == 2


def wrap_label(label: str, max_units: int = MAX_UNITS, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Greedy wrap at break opportunities (spaces, between wide characters); hard cut when a word is too long."""
    lines: list[str] = []
    line = ""
    for ch in clean_label(label):
        if ch == " ":  # a space may end a line but never starts one
            if line and text_units(line) < max_units:
                line += ch
            elif line:
                lines.append(line)
                line = ""
            continue
        while line and text_units(line + ch) > max_units:
            joined = line + ch
            cut = max((i for i in range(1, len(line) + 1) if _can_break(joined[i - 1], joined[i])), default=len(line))
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        line += ch
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_units(last + "…") > max_units:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return tuple(lines)


# --- layout -------------------------------------------------------------------------------------

def _box_size(lines: tuple[str, ...]) -> tuple[float, float]:
    units = max((text_units(line) for line in lines), default=0)
    return float(max(MIN_BOX_W, units * UNIT + 2 * PAD_X)), float(2 * PAD_Y + KIND_H + LINE_H * max(1, len(lines)))


def _break_cycles(ids: list[int], edges: list[tuple[int, int, str]]) -> list[bool]:
    """DFS from each node in id order, children in (target, kind) order; an edge into the stack is a back edge."""
    out: dict[int, list[int]] = {i: [] for i in ids}
    for index, (s, _t, _k) in enumerate(edges):  # edges are sorted, so each list is in (target, kind) order
        out[s].append(index)
    state = dict.fromkeys(ids, 0)  # 0 new, 1 on the stack, 2 done
    back = [False] * len(edges)
    for root in ids:
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(out[root]))]  # iterative: a long chain must not hit the recursion limit
        while stack:
            node, children = stack[-1]
            for index in children:
                target = edges[index][1]
                if state[target] == 1:
                    back[index] = True
                elif state[target] == 0:
                    state[target] = 1
                    stack.append((target, iter(out[target])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back


def _crossings(upper: list[int], down: list[list[int]], pos: list[int]) -> int:
    """Crossings between two adjacent layers: inversions of lower positions, counted with a Fenwick tree."""
    segments = sorted((pos[u], pos[v]) for u in upper for v in down[u])
    size = max((v for _u, v in segments), default=0) + 2
    tree = [0] * (size + 1)
    total = 0
    for seen, (_u, v) in enumerate(segments):
        i, not_above = v + 1, 0
        while i > 0:
            not_above += tree[i]
            i -= i & -i
        total += seen - not_above
        i = v + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return total


def _order(layers: list[list[int]], up: list[list[int]], down: list[list[int]], tie: list[tuple]) -> list[list[int]]:
    """Barycenter sweeps down then up, a fixed number of times; keep the order with fewest crossings."""
    pos = [0] * len(tie)

    def place(layer: list[int]) -> None:
        for i, v in enumerate(layer):
            pos[v] = i

    def total() -> int:
        return sum(_crossings(layers[i], down, pos) for i in range(len(layers) - 1))

    def sweep(layer: list[int], neighbours: list[list[int]]) -> list[int]:
        def key(v: int) -> tuple:
            near = neighbours[v]
            return (sum(pos[u] for u in near) / len(near) if near else pos[v], tie[v])
        return sorted(layer, key=key)

    layers = [sorted(layer, key=lambda v: tie[v]) for layer in layers]
    for layer in layers:
        place(layer)
    best, best_count = [list(layer) for layer in layers], total()
    for _ in range(SWEEPS):
        for i in range(1, len(layers)):
            layers[i] = sweep(layers[i], up)
            place(layers[i])
        for i in range(len(layers) - 2, -1, -1):
            layers[i] = sweep(layers[i], down)
            place(layers[i])
        count = total()
        if count < best_count:
            best, best_count = [list(layer) for layer in layers], count
    return best


def layout(nodes: list[tuple[int, str, str]], edges: list[tuple[int, int, str]]) -> Layout:
    """Place nodes (id, kind, label) and edges (source, target, kind).

    Self-loops and edges to unknown ids are left out (the database forbids both); duplicate node ids are an error.
    """
    nodes = sorted(nodes, key=lambda n: n[0])
    if len({n[0] for n in nodes}) != len(nodes):
        raise ValueError("duplicate node id")
    if not nodes:
        return Layout(EMPTY_W, EMPTY_H, {}, ())
    ids = [n[0] for n in nodes]
    known = set(ids)
    edges = sorted((s, t, k) for s, t, k in edges if s != t and s in known and t in known)
    back = _break_cycles(ids, edges)

    # Vertices: real nodes 0..n-1 in id order, then dummies. Internal edges always point down.
    index = {node_id: i for i, node_id in enumerate(ids)}
    flow = [(index[t], index[s]) if rev else (index[s], index[t]) for (s, t, _k), rev in zip(edges, back, strict=True)]
    preds: list[list[int]] = [[] for _ in ids]
    succs: list[list[int]] = [[] for _ in ids]
    for u, v in flow:
        preds[v].append(u)
        succs[u].append(v)
    rank = [-1] * len(ids)
    indegree = [len(p) for p in preds]
    ready = [v for v in range(len(ids)) if indegree[v] == 0]
    for v in ready:  # Kahn's order; `ready` grows while we walk it
        rank[v] = max((rank[u] + 1 for u in preds[v]), default=0)
        for w in succs[v]:
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)

    isolated = [v for v in range(len(ids)) if not preds[v] and not succs[v]]
    tie: list[tuple] = [(node_id, 0) for node_id in ids]
    up: list[list[int]] = [[] for _ in ids]
    down: list[list[int]] = [[] for _ in ids]
    chains: list[list[int]] = []
    for (s, t, k), (u, v) in zip(edges, flow, strict=True):
        chain = [u]
        for layer in range(rank[u] + 1, rank[v]):
            tie.append((s, 1, t, k, layer))
            up.append([])
            down.append([])
            rank.append(layer)
            chain.append(len(tie) - 1)
        chain.append(v)
        for a, b in pairwise(chain):
            down[a].append(b)
            up[b].append(a)
        chains.append(chain)

    layers: list[list[int]] = [[] for _ in range(max(rank) + 1)]
    lonely = set(isolated)
    for v in range(len(tie)):
        if v not in lonely:
            layers[rank[v]].append(v)
    layers = _order(layers, up, down, tie)
    layers[0].extend(isolated)  # already in id order

    lines = [wrap_label(label) for _id, _kind, label in nodes]
    sizes = [_box_size(ls) for ls in lines] + [(float(DUMMY_W), 0.0)] * (len(tie) - len(ids))
    row_h = [max(sizes[v][1] for v in layer) if layer else 0.0 for layer in layers]
    row_w = [sum(sizes[v][0] for v in layer) + GAP_X * (len(layer) - 1) for layer in layers]
    width = max(row_w) + 2 * MARGIN
    x = [0.0] * len(tie)
    y = [0.0] * len(tie)
    top = float(MARGIN)
    row_top = []
    for layer, h, w in zip(layers, row_h, row_w, strict=True):
        left = (width - w) / 2
        for v in layer:
            x[v], y[v] = left, top + (h - sizes[v][1]) / 2
            left += sizes[v][0] + GAP_X
        row_top.append(top)
        top += h + GAP_Y
    height = top - GAP_Y + MARGIN

    boxes = {
        node_id: Box(node_id, kind, x[v], y[v], sizes[v][0], sizes[v][1], rank[v], lines[v], clean_label(label))
        for v, (node_id, kind, label) in enumerate(nodes)
    }

    # Ports: each box spreads its arrows along its bottom (out) and top (in) edge, ordered by where the other end is.
    centre = [x[v] + sizes[v][0] / 2 for v in range(len(tie))]
    ends: dict[tuple[int, int], list[tuple[float, int]]] = {}
    for e, chain in enumerate(chains):
        ends.setdefault((chain[0], 0), []).append((centre[chain[1]], e))
        ends.setdefault((chain[-1], 1), []).append((centre[chain[-2]], e))
    ports: dict[tuple[int, int], float] = {}
    for (v, side), group in ends.items():
        for i, (_c, e) in enumerate(sorted(group)):
            ports[e, side] = x[v] + sizes[v][0] * (0.15 + 0.7 * (i + 1) / (len(group) + 1))
    routes = []
    for e, ((s, t, k), chain) in enumerate(zip(edges, chains, strict=True)):
        u, v = chain[0], chain[-1]
        points = [(ports[e, 0], y[u] + sizes[u][1])]
        for d in chain[1:-1]:  # a dummy passes straight down through its row
            points += [(centre[d], row_top[rank[d]]), (centre[d], row_top[rank[d]] + row_h[rank[d]])]
        points.append((ports[e, 1], y[v]))
        if back[e]:
            points.reverse()
        routes.append(Route(s, t, k, tuple(points), back[e]))
    return Layout(width, height, boxes, tuple(routes))


# --- SVG ----------------------------------------------------------------------------------------

def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _e(text: str) -> str:
    return escape(clean_label(text), quote=True)


def render_svg(lay: Layout, *, title: str, description: str, node_kind_labels: dict[str, str],
               edge_kind_labels: dict[str, str], id_prefix: str = "d", empty_text: str = "No boxes yet.") -> str:
    """Standalone SVG using presentation attributes only (the CSP forbids style= and <style>)."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", id_prefix):
        raise ValueError("id_prefix must be a plain XML name")
    p = id_prefix
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(lay.width)} {_n(lay.height)}" '
        f'width="{_n(lay.width)}" height="{_n(lay.height)}" role="img" aria-labelledby="{p}-title {p}-desc" '
        f'font-family="{FONT}" font-size="14" fill="{TEXT}">',
        f'<title id="{p}-title">{_e(title)}</title>',
        f'<desc id="{p}-desc">{_e(description)}</desc>',
    ]
    if not lay.boxes:
        out.append(f'<rect x="8" y="8" width="{_n(lay.width - 16)}" height="{_n(lay.height - 16)}" rx="8" '
                   f'fill="#f6f6f6" stroke="{EDGE}" stroke-dasharray="4 4"/>'
                   f'<text x="{_n(lay.width / 2)}" y="{_n(lay.height / 2 + 5)}" text-anchor="middle">{_e(empty_text)}</text>')
        out.append("</svg>")
        return "\n".join(out)
    out.append(f'<defs><marker id="{p}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
               f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{EDGE}"/></marker></defs>')
    out.append(f'<g class="edges" fill="none" stroke="{EDGE}" stroke-width="1.5">')
    for r in lay.routes:
        source, target = lay.boxes[r.source], lay.boxes[r.target]
        d = "M" + "L".join(f"{_n(px)} {_n(py)}" for px, py in r.points)
        relation = edge_kind_labels.get(r.kind, r.kind)
        out.append(f'<path class="edge edge-{_e(r.kind)}" d="{d}"{EDGE_DASH.get(r.kind, "")} marker-end="url(#{p}-arrow)">'
                   f"<title>{_e(f'{source.label} → {relation} → {target.label}')}</title></path>")
    out.append("</g>")
    for box in sorted(lay.boxes.values(), key=lambda b: b.id):
        fill, border, extra = NODE_STYLE.get(box.kind, ("#ffffff", EDGE, 'stroke-width="1" rx="4"'))
        kind_label = node_kind_labels.get(box.kind, box.kind)
        cx = _n(box.x + box.width / 2)
        out.append(f'<g class="node node-{_e(box.kind)}" data-node="{box.id}"><title>{_e(f"{kind_label}: {box.label}")}</title>'
                   f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.width)}" height="{_n(box.height)}" '
                   f'fill="{fill}" stroke="{border}" {extra}/>')
        if box.kind == "asset":
            out.append(f'<rect x="{_n(box.x + 3)}" y="{_n(box.y + 3)}" width="{_n(box.width - 6)}" '
                       f'height="{_n(box.height - 6)}" fill="none" stroke="{border}" stroke-width="1" rx="2"/>')
        out.append(f'<text x="{cx}" y="{_n(box.y + PAD_Y + 11)}" text-anchor="middle">'
                   f'<tspan x="{cx}" font-size="11">{_e(kind_label)}</tspan>')
        for i, line in enumerate(box.lines):
            out.append(f'<tspan x="{cx}" y="{_n(box.y + PAD_Y + KIND_H + LINE_H * i + 14)}">{_e(line)}</tspan>')
        out.append("</text></g>")
    out.append("</svg>")
    return "\n".join(out)


def node_swatch(kind: str) -> str:
    """A small box drawn like the diagram draws this kind, for the legend."""
    fill, border, extra = NODE_STYLE[kind]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="36" height="22" viewBox="0 0 36 22" aria-hidden="true">'
            f'<rect x="2" y="2" width="32" height="18" fill="{fill}" stroke="{border}" {extra}/></svg>')


def edge_swatch(kind: str) -> str:
    """A short arrow line drawn like the diagram draws this relation, for the legend."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="36" height="22" viewBox="0 0 36 22" aria-hidden="true">'
            f'<line x1="2" y1="11" x2="34" y2="11" stroke="{EDGE}" stroke-width="2"{EDGE_DASH[kind]}/></svg>')
