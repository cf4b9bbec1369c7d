"""Text folding for search, and cleaning of what people type: one form for what is stored and what is asked."""

import unicodedata

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}

# Unicode bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the
# left-to-right and right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C). Invisible, they
# make a name or a file name read differently from what it is ("Trojan Source"); nothing we store needs them.
BIDI_CONTROLS = frozenset(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)
_DROP_BIDI = dict.fromkeys(BIDI_CONTROLS)


def fold(text: str) -> str:
    """NFKC (full-width letters, half-width kana), case-folded, katakana as hiragana, no bidi controls."""
    return unicodedata.normalize("NFKC", strip_bidi(text or "")).casefold().translate(_KATAKANA_TO_HIRAGANA)


def strip_bidi(text):
    """`text` without Unicode bidi controls; anything that is not a str is returned as it is."""
    if not isinstance(text, str):
        return text
    return text.translate(_DROP_BIDI)


# Field names that hold secrets or machine values exactly as given: never rewritten.
_KEEP_AS_IS = {"password"}
# On save, NUL goes too: PostgreSQL cannot store it in text (a DataError, a 500 for a reason typed with it),
# and no text of ours means anything by it.
_DROP_ON_SAVE = {**_DROP_BIDI, 0: None}


def strip_bidi_before_save(sender, instance, raw=False, **kwargs):
    """pre_save receiver (core/apps.py): names, titles, statements … are stored without bidi controls or NUL,
    whichever form, service, import or API wrote them. Fixtures (`raw`) are loaded as they are."""
    if raw:
        return
    from django.db import models

    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and field.name not in _KEEP_AS_IS:
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                cleaned = value.translate(_DROP_ON_SAVE)
                if cleaned != value:
                    setattr(instance, field.attname, cleaned)


MAX_ID_DIGITS = 18  # every id fits in a signed 64-bit integer (SQLite's and PostgreSQL's bigint)


def id_from(value) -> int | None:
    """A row's number as typed in an address or posted by a form ("12", "１２"), else None — never an error.

    str.isdigit() is no guard: it accepts "²", on which int() fails, and numbers of any length, which SQLite
    cannot hold (OverflowError)."""
    if isinstance(value, str) and value.isdecimal() and len(value) <= MAX_ID_DIGITS:
        return int(value)
    return None
