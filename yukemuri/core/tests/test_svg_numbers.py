"""Numbers drawn into SVG are written with a decimal point in every language. Django localises numbers in
templates, and Vietnamese, Spanish and Portuguese write 141,2: an SVG attribute cx="141,2" is invalid and the dot,
bar or line is not drawn (the opinion map was blank in those languages). Every number that goes into a drawing
attribute goes through `unlocalize`; a rendering test in listening checks the map itself."""

import re
from pathlib import Path

import yukemuri

ROOT = Path(yukemuri.__file__).parent
DRAWING = re.compile(
    r'\b(?:x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|points|d|transform|viewBox|dx|dy|stroke-width|font-size)'
    r'="([^"]*)"')


def _svg_blocks(text):
    return re.findall(r"<svg\b.*?</svg>", text, re.S)


def test_every_number_drawn_in_svg_is_unlocalized():
    unsafe = []
    checked = 0
    for template in sorted(ROOT.glob("*/templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for block in _svg_blocks(text):
            if "{% localize off %}" in text:
                continue
            for value in DRAWING.findall(block):
                for variable in re.findall(r"\{\{(.*?)\}\}", value):
                    checked += 1
                    if "unlocalize" not in variable:
                        unsafe.append(f"{template.relative_to(ROOT)}: {{{{{variable}}}}}")
    assert checked > 50  # the charts, maps and opinion maps were found
    assert not unsafe, unsafe
