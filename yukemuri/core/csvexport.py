"""The one CSV writer of every export: cells cannot start a spreadsheet formula (CSV injection).

OWASP's rule: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
single quote, so Excel and LibreOffice show it as text instead of evaluating it. Numbers (int, float,
Decimal, or a string that is only a number such as "-36.5") stay as they are: a number is not a formula, and
numeric columns must stay numeric for whoever reads the open data. Bidi controls are dropped too (see
core.text.strip_bidi). defusedcsv does the same, but it is not installed; this is small enough to keep here.

Our own importers call `unneutralise` on each cell so that an exported file imports back unchanged.
"""

import csv
import re
from decimal import Decimal

from .text import strip_bidi

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def is_dangerous(text: str) -> bool:
    """Would a spreadsheet read this cell as the start of a formula?"""
    return bool(text) and text.startswith(DANGEROUS_STARTS) and not _NUMBER.fullmatch(text)


def neutralise(value):
    """One cell as it is safe to write. None is an empty cell; bool, int, float and Decimal stay numbers."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, Decimal)):
        return value
    text = strip_bidi(str(value))
    return "'" + text if is_dangerous(text) else text


def unneutralise(text: str) -> str:
    """Undo `neutralise` on a cell read back from one of our exports."""
    if text.startswith("'") and is_dangerous(text[1:]):
        return text[1:]
    return text


class SafeWriter:
    """csv.writer's interface, with every cell passed through `neutralise`."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **kwargs) -> SafeWriter:
    """Use this instead of csv.writer for anything people download."""
    return SafeWriter(out, **kwargs)


class _Echo:
    """A file-like object that hands back what is written: for streaming responses."""

    def write(self, value):
        return value


def streaming_writer(**kwargs) -> SafeWriter:
    """A writer whose writerow() returns the encoded line instead of writing it."""
    return SafeWriter(_Echo(), **kwargs)

