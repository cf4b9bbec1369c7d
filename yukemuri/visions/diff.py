"""What changed between two versions of a vision's text: a readable diff by heading and paragraph.

The text is cut into blocks — a heading line, or a paragraph (lines up to a blank line) — and difflib matches
the blocks. A paragraph that was rewritten (a replaced block paired with a similar one of the new side) is diffed by
character too, since Japanese has no spaces between words. Pure Python: the page says in words which blocks
were added, removed or changed, so nothing depends on colour alone.
"""

import difflib
import re
from dataclasses import dataclass, field

SIMILAR = 0.4  # share of characters kept for a replaced block to show as "changed" rather than removed and added
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool


@dataclass
class Change:
    kind: str  # "same", "added", "removed", "changed"
    heading: bool
    old: str = ""
    new: str = ""
    segments: list[tuple[str, str]] = field(default_factory=list)  # ("same" | "removed" | "added", text)
    unchanged: int = 0  # for "same" runs of paragraphs: how many were left out


def blocks(text: str) -> list[Block]:
    """The headings and paragraphs of a Markdown text, in order, whitespace at the ends trimmed."""
    found, paragraph = [], []

    def flush():
        if paragraph:
            found.append(Block("\n".join(paragraph).strip(), False))
            paragraph.clear()

    for line in (text or "").replace("\r\n", "\n").split("\n"):
        match = HEADING.match(line)
        if match:
            flush()
            found.append(Block(match.group(2), True))
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.rstrip())
    flush()
    return found


def inline(old: str, new: str) -> list[tuple[str, str]]:
    """Character segments of a rewritten paragraph: kept, removed and added runs."""
    segments = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", old[a1:a2]))
            continue
        if a2 > a1:
            segments.append(("removed", old[a1:a2]))
        if b2 > b1:
            segments.append(("added", new[b1:b2]))
    return segments


def similar(old: str, new: str) -> bool:
    """Whether a new block reads as a rewrite of an old one (else: one removed, another added)."""
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= SIMILAR


def compare(old_text: str, new_text: str) -> list[Change]:
    """The changes from `old_text` to `new_text`; headings are always kept (they give the place), runs of
    unchanged paragraphs are folded into one "same" entry that counts them."""
    old, new = blocks(old_text), blocks(new_text)
    changes: list[Change] = []

    def same(block):
        if block.heading:
            changes.append(Change("same", True, block.text, block.text))
        elif changes and changes[-1].kind == "same" and not changes[-1].heading:
            changes[-1].unchanged += 1
        else:
            changes.append(Change("same", False, unchanged=1))

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for block in old[a1:a2]:
                same(block)
            continue
        gone, came = old[a1:a2], new[b1:b2]
        for index in range(max(len(gone), len(came))):
            before = gone[index] if index < len(gone) else None
            after = came[index] if index < len(came) else None
            if (before is not None and after is not None and before.heading == after.heading
                    and similar(before.text, after.text)):
                changes.append(Change("changed", after.heading, before.text, after.text,
                                      inline(before.text, after.text)))
                continue
            if before is not None:
                changes.append(Change("removed", before.heading, old=before.text))
            if after is not None:
                changes.append(Change("added", after.heading, new=after.text))
    return changes


def listed(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """(added, removed) between two lists of names (themes, goals, ideas …), each in the order given."""
    return [name for name in new if name not in old], [name for name in old if name not in new]
