"""The NGSI-LD query language (ETSI GS CIM 009, 4.9): `q` parsed into a tree, then turned into a database
filter where every attribute it names is a column, or checked on the built entities where not.

Supported: `attr`, `attr==v`, `!=`, `>`, `>=`, `<`, `<=`, value lists (`a==1,2,3`), ranges (`a==1..5`),
`~=` / `!~=` (simple patterns), `;` (and, binding tighter) and `|` (or), parentheses, sub-attributes
(`address.addressLocality`, `address[addressLocality]`). Anything else is a BadRequestData, never a 500.
"""

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q
from django.utils.dateparse import parse_datetime

from .errors import bad

DEFAULT_VOCAB = "https://uri.etsi.org/ngsi-ld/default-context/"
OPERATORS = ("!~=", "==", "!=", ">=", "<=", "~=", ">", "<")
MAX_Q = 2000  # characters
MAX_DEPTH = 20
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")
_ATTR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\[[A-Za-z_][A-Za-z0-9_.]*\])?")


def term(name: str) -> str:
    """A type or attribute name as the request gave it, short or expanded with the default vocabulary."""
    return name[len(DEFAULT_VOCAB):] if name.startswith(DEFAULT_VOCAB) else name


@dataclass
class Cmp:
    attr: str
    op: str | None  # None: the attribute exists
    values: list  # one value, several (a list), or two (a range)
    is_range: bool = False


@dataclass
class Bool:
    op: str  # ";" or "|"
    items: list


class _Parser:
    def __init__(self, text: str):
        self.text, self.pos = text, 0

    def peek(self) -> str:
        return self.text[self.pos:self.pos + 1]

    def parse(self):
        node = self.or_(0)
        if self.pos != len(self.text):
            raise bad("Invalid q", f"unexpected “{self.text[self.pos:self.pos + 20]}” at {self.pos}")
        return node

    def or_(self, depth):
        items = [self.and_(depth)]
        while self.peek() == "|":
            self.pos += 1
            items.append(self.and_(depth))
        return items[0] if len(items) == 1 else Bool("|", items)

    def and_(self, depth):
        items = [self.factor(depth)]
        while self.peek() == ";":
            self.pos += 1
            items.append(self.factor(depth))
        return items[0] if len(items) == 1 else Bool(";", items)

    def factor(self, depth):
        if depth > MAX_DEPTH:
            raise bad("Invalid q", "too many nested parentheses")
        if self.peek() == "(":
            self.pos += 1
            node = self.or_(depth + 1)
            if self.peek() != ")":
                raise bad("Invalid q", f"a “)” is missing at {self.pos}")
            self.pos += 1
            return node
        return self.comparison()

    def attribute(self) -> str:
        rest = self.text[self.pos:]
        if rest.startswith(("http://", "https://")):
            match = re.match(r"[^=!<>~;|()\[\]]+", rest)
        else:
            match = _ATTR.match(rest)
        if not match:
            raise bad("Invalid q", f"an attribute name is expected at {self.pos}")
        self.pos += match.end()
        return term(match.group(0))

    def comparison(self):
        attr = self.attribute()
        for op in OPERATORS:
            if self.text.startswith(op, self.pos):
                self.pos += len(op)
                break
        else:
            return Cmp(attr, None, [])
        if op in ("~=", "!~="):
            return Cmp(attr, op, [_pattern(self.item(raw=True))])
        values = [self.item()]
        if self.peek() == "," and op in ("==", "!="):
            while self.peek() == ",":
                self.pos += 1
                values.append(self.item())
            return Cmp(attr, op, values)
        if isinstance(values[0], _Range):
            if op not in ("==", "!="):
                raise bad("Invalid q", "a range goes with == or != only")
            return Cmp(attr, op, values[0].ends, is_range=True)
        return Cmp(attr, op, values)

    def item(self, raw=False):
        if self.peek() == '"':
            out, self.pos = [], self.pos + 1
            while True:
                char = self.peek()
                if char == "":
                    raise bad("Invalid q", "a quoted string is not closed")
                self.pos += 1
                if char == "\\" and self.peek():
                    out.append(self.peek())
                    self.pos += 1
                elif char == '"':
                    return "".join(out)
                else:
                    out.append(char)
        match = re.compile(r"[^;|)]*" if raw else r"[^;|(),]*").match(self.text, self.pos)
        token = match.group(0)
        self.pos = match.end()
        if raw:
            return token
        if not token:
            raise bad("Invalid q", f"a value is expected at {self.pos}")
        if ".." in token:
            low, _sep, high = token.partition("..")
            return _Range([_literal(low), _literal(high)])
        return _literal(token)


@dataclass
class _Range:
    ends: list


def _literal(token: str):
    if token in ("true", "false"):
        return token == "true"
    if _NUMBER.fullmatch(token):
        number = float(token)
        if not math.isfinite(number):
            raise bad("Invalid q", f"“{token}” is not a finite number")
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return token  # a date, a time or a word (NGSI-LD asks for quotes around text; brokers accept it bare)


def _pattern(text: str) -> re.Pattern:
    """A pattern people may send: short, no quantified group and few quantifiers, so that no pattern can make
    matching take exponential time (Python's re has no timeout)."""
    if len(text) > 100:
        raise bad("Invalid q", "a pattern may have at most 100 characters")
    if re.search(r"\)[*+?{]", text) or len(re.findall(r"(?<!\\)[*+{]", text)) > 2 or "(?" in text:
        raise bad("Invalid q", "patterns may have at most two quantifiers and no quantified groups or look-arounds")
    try:
        return re.compile(text)
    except (re.error, RecursionError, OverflowError) as exc:
        raise bad("Invalid q", f"not a regular expression: {exc}") from None


def parse(text: str):
    if len(text) > MAX_Q:
        raise bad("Invalid q", f"q may have at most {MAX_Q} characters")
    return _Parser(text).parse()


def attributes_of(node) -> set[str]:
    if isinstance(node, Cmp):
        return {node.attr}
    return set().union(*(attributes_of(item) for item in node.items))


# ---------------------------------------------------------------- to a database filter

def _field(model, path: str):
    field = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        if field.is_relation:
            model = field.related_model
    return field


def _convert(field, value):
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        moment = parse_datetime(str(value)) if isinstance(value, str) else None
        try:
            if moment is None or moment.tzinfo is None:
                raise ValueError
            moment.astimezone(UTC)  # a date at the edge of the calendar cannot be moved to UTC: not a 500
        except (ValueError, OverflowError):
            raise bad("Invalid q", f"“{value}” is not a date and time with its zone (e.g. 2026-01-31T09:00:00Z)") \
                from None
        return moment
    if kind in ("IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "BigIntegerField",
                "PositiveBigIntegerField", "SmallIntegerField", "AutoField", "BigAutoField"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad("Invalid q", f"“{value}” is not a number")
        if not -2**63 <= value < 2**63:
            raise bad("Invalid q", f"{value} is out of range")
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_q(node, entity_type, model) -> Q | None:
    """The database filter for `node`, or None when an attribute (or a pattern) needs the built entities."""
    if isinstance(node, Bool):
        parts = [to_q(item, entity_type, model) for item in node.items]
        if any(part is None for part in parts):
            return None
        combined = parts[0]
        for part in parts[1:]:
            combined = combined & part if node.op == ";" else combined | part
        return combined
    if node.op is None:
        has = entity_type.has(node.attr)
        if has is False:
            return None if node.attr in entity_type.attributes else Q(pk__in=[])
        return has if has is not None else Q()
    path = entity_type.fields.get(node.attr)
    if path is None:
        # An attribute the type does not have matches nothing; one it has but the database cannot filter on is
        # checked on the entities.
        known = node.attr.split(".")[0].split("[")[0] in entity_type.attributes
        return None if known else Q(pk__in=[])
    if node.op in ("~=", "!~="):
        return None
    field = _field(model, path)
    values = [_convert(field, value) for value in node.values]
    present = Q(**{f"{path}__isnull": False})
    if node.is_range:
        q = Q(**{f"{path}__gte": values[0], f"{path}__lte": values[1]})
    elif node.op in ("==", "!="):
        q = Q(**{f"{path}__in": values}) if len(values) > 1 else Q(**{path: values[0]})
    else:
        q = Q(**{f"{path}__{ {'>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte'}[node.op]}": values[0]})
    if "__" in path and path.split("__")[0] == "sdgs":  # many-to-many: a subquery, so no row comes twice
        q = Q(pk__in=model.objects.filter(q).values("pk"))
        present = Q(pk__in=model.objects.filter(present).values("pk"))
    if node.op == "!=":
        return present & ~q
    return q


# ---------------------------------------------------------------- on built entities (keyValues)

def _get(values: dict, attr: str):
    name, _sep, sub = attr.partition("[")
    parts = name.split(".") + ([sub.rstrip("]")] if sub else [])
    current = values
    for part in parts:
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    if isinstance(current, dict) and "@value" in current:
        current = current["@value"]
    return current


def _comparable(left, right):
    """Both sides as one kind: numbers, times, or text; None when they cannot be compared."""
    if isinstance(right, bool) or isinstance(left, bool):
        return (left, right) if isinstance(left, bool) and isinstance(right, bool) else None
    if isinstance(right, (int, float)):
        return (left, right) if isinstance(left, (int, float)) else None
    if isinstance(left, str):
        a, b = parse_datetime(left) if "T" in left else None, parse_datetime(right) if "T" in right else None
        if isinstance(a, datetime) and isinstance(b, datetime) and (a.tzinfo is None) == (b.tzinfo is None):
            return a, b
        return left, right
    return None


def _one(value, node) -> bool:
    if node.op in ("~=", "!~="):
        found = isinstance(value, str) and node.values[0].search(value[:1000]) is not None
        return found if node.op == "~=" else not found
    if node.is_range:
        low, high = _comparable(value, node.values[0]), _comparable(value, node.values[1])
        inside = low is not None and high is not None and low[1] <= low[0] and high[0] <= high[1]
        return inside if node.op == "==" else not inside
    if node.op in ("==", "!="):
        equal = any((pair := _comparable(value, candidate)) is not None and pair[0] == pair[1]
                    for candidate in node.values)
        return equal if node.op == "==" else not equal
    pair = _comparable(value, node.values[0])
    if pair is None:
        return False
    try:
        return {">": pair[0] > pair[1], ">=": pair[0] >= pair[1], "<": pair[0] < pair[1],
                "<=": pair[0] <= pair[1]}[node.op]
    except TypeError:
        return False


def matches(node, values: dict) -> bool:
    if isinstance(node, Bool):
        results = (matches(item, values) for item in node.items)
        return all(results) if node.op == ";" else any(results)
    value = _get(values, node.attr)
    if node.op is None or value is None:
        return value is not None and node.op is None
    if isinstance(value, list):  # an array matches when one of its items does
        return any(_one(item, node) for item in value) if node.op not in ("!=", "!~=") else \
            all(_one(item, node) for item in value)
    return _one(value, node)
