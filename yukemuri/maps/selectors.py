"""The map of one layer: boundaries shaded by how many things without a point concern each municipality, markers
for things with a point, and the same things as a list grouped by municipality."""

from dataclasses import dataclass, field

from yukemuri.regions.selectors import boundaries, municipalities

from . import layers
from .projection import projected

SHADES = ((5, "n3"), (2, "n2"), (1, "n1"))  # at least this many → this class (a legend on the page)


@dataclass
class Region:
    code: str
    name: str
    path: str
    label_x: float
    label_y: float
    count: int
    shade: str


@dataclass
class Marker:
    item: layers.Item
    x: float
    y: float


@dataclass
class Group:
    key: str
    name: str
    code: str = ""
    items: list = field(default_factory=list)


@dataclass
class LayerMap:
    layer: str
    width: int
    height: int
    regions: list[Region]
    markers: list[Marker]
    groups: list[Group]
    items: list
    counts: dict[str, int]
    sources: list[str]
    limited: bool

    @property
    def drawn(self) -> bool:
        return bool(self.regions)


def _shade(count: int) -> str:
    return next((name for least, name in SHADES if count >= least), "n0")


def counts_of(items) -> dict[str, int]:
    """{municipality code: things without a point that concern it} (a 広域 thing counts in each)."""
    counts: dict[str, int] = {}
    for item in items:
        if not item.has_point:
            for municipality in item.municipalities:
                counts[municipality.code] = counts.get(municipality.code, 0) + 1
    return counts


def groups_of(items) -> list[Group]:
    """The list alternative: per municipality in code order (a 広域 thing under each), then what concerns a whole
    area or the prefecture."""
    by_code: dict[str, Group] = {}
    elsewhere: dict[str, Group] = {}
    for item in items:
        item.anchored = False  # the first row of a thing carries its anchor (ids are unique on the page)
        for municipality in item.municipalities:
            group = by_code.setdefault(municipality.code, Group(key=f"m-{municipality.code}",
                                                                name=municipality.display_name,
                                                                code=municipality.code))
            group.items.append((item, not item.anchored))
            item.anchored = True
        if not item.municipalities:
            group = elsewhere.setdefault(item.place_label, Group(key=f"p-{len(elsewhere) + 1}",
                                                                 name=item.place_label))
            group.items.append((item, True))
    return [by_code[code] for code in sorted(by_code)] + list(elsewhere.values())


def layer_map(layer: str, data: dict) -> LayerMap:
    items = layers.items_of(layer, data)
    counts = counts_of(items)
    token, outlines, sources = boundaries()
    frame, shapes = projected(outlines, key=token)
    names = {m.code: m.display_name for m in municipalities()} if shapes else {}
    regions = [Region(code=code, name=names.get(code, code), path=shape.path, label_x=shape.label_x,
                      label_y=shape.label_y, count=counts.get(code, 0), shade=_shade(counts.get(code, 0)))
               for code, shape in shapes.items()]
    markers = []
    if frame is not None:
        for item in items:
            if item.has_point and frame.contains(item.longitude, item.latitude):
                x, y = frame.xy(item.longitude, item.latitude)
                markers.append(Marker(item=item, x=round(x, 1), y=round(y, 1)))
    return LayerMap(layer=layer, width=600, height=frame.height if frame else 0, regions=regions,
                    markers=markers, groups=groups_of(items), items=items, counts=counts, sources=sources,
                    limited=len(items) >= layers.LIMIT)
