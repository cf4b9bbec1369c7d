"""The readable diff: blocks by heading and paragraph, character runs inside a rewritten paragraph."""

from yukemuri.visions.diff import blocks, compare, inline, listed


def test_blocks_cut_at_headings_and_blank_lines():
    found = blocks("## めざす姿\n\n一行目\n二行目\n\n# 次\n本文")
    assert [(b.text, b.heading) for b in found] == [("めざす姿", True), ("一行目\n二行目", False), ("次", True),
                                                    ("本文", False)]


def test_a_rewritten_paragraph_shows_what_went_and_what_came():
    changes = compare("## 姿\n\n空き家を活用する。", "## 姿\n\n空き家と古民家を活用する。")
    assert [c.kind for c in changes] == ["same", "changed"]
    assert changes[0].heading and changes[0].new == "姿"
    segments = changes[1].segments
    assert "".join(text for kind, text in segments if kind == "added") in ("と古民家", "家と古民")
    assert "".join(text for kind, text in segments if kind != "removed") == "空き家と古民家を活用する。"
    assert "".join(text for kind, text in changes[1].segments if kind != "added") == "空き家を活用する。"


def test_added_and_removed_sections_and_folded_unchanged_paragraphs():
    old = "## A\n\n一\n\n二\n\n## B\n\n消える"
    new = "## A\n\n一\n\n二\n\n## C\n\n新しい"
    changes = compare(old, new)
    assert changes[0].kind == "same" and changes[0].heading
    assert changes[1].kind == "same" and changes[1].unchanged == 2
    kinds = [(c.kind, c.heading) for c in changes[2:]]  # nothing alike: removed and added, not "changed"
    assert kinds == [("removed", True), ("added", True), ("removed", False), ("added", False)]


def test_a_paragraph_replaced_by_a_heading_is_removed_and_added():
    changes = compare("古い段落", "## 新しい見出し")
    assert [(c.kind, c.heading) for c in changes] == [("removed", False), ("added", True)]


def test_same_text_has_no_change_and_lists_diff():
    assert all(c.kind == "same" for c in compare("## A\n\nx", "## A\n\nx"))
    assert compare("", "") == []
    assert inline("abc", "abc") == [("same", "abc")]
    assert listed(["空き家", "SDGs"], ["SDGs", "子育て"]) == (["子育て"], ["空き家"])
