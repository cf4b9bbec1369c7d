"""Text folding for search: one form for what is stored and what is asked."""

import unicodedata

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def fold(text: str) -> str:
    """NFKC (full-width letters, half-width kana), case-folded, katakana as hiragana."""
    return unicodedata.normalize("NFKC", text or "").casefold().translate(_KATAKANA_TO_HIRAGANA)
