"""Short codes people read out or type at a desk (an event ticket, a space's member card), and how typed codes are
read back: any case, spaces or hyphens, full-width characters (入力ゆれ)."""

import secrets
import unicodedata

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    """A code as typed or read: upper case, letters and digits only, full-width folded (NFKC)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", code or "").upper() if ch.isalnum())


def code_field(**kwargs):
    """The form field of a desk code (a ticket, a member card): no autocomplete or spelling help, capitals."""
    from django import forms

    widget = forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})
    return forms.CharField(max_length=20, widget=widget, **kwargs)
