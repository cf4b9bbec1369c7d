"""Instances as JSON: reading and checking them, solving them, and the result as JSON (docs/matching.md).

Two forms, told apart by whether there is an "edges" list:

- scored edges: {"people": [{"id", "capacity"}], "openings": [{"id", "count"}],
  "edges": [{"person", "opening", "score"}]} — the best edges within the capacities;
- profiles: people and openings as Person and Opening fields, plus optional "weights", "fairness",
  "k", "seed", "scale" and "pool_limit" — the engine finds candidates, scores and solves.

Every problem becomes an InstanceError whose message names the place ("people[3].capacity: …").
"""

import json
import math
from dataclasses import fields

from .candidates import POOL_LIMIT
from .flow import SCALE, solve_edges
from .geo import municipalities
from .matcher import match
from .model import Fairness, InstanceError, Opening, Person, Weights

EDGE_TOP = {"people", "openings", "edges", "fairness", "scale"}
EDGE_PERSON = {"id", "capacity", "newcomer"}
EDGE_OPENING = {"id", "count"}
EDGE_FIELDS = {"person", "opening", "score"}
PROFILE_TOP = {"people", "openings", "weights", "fairness", "k", "seed", "scale", "pool_limit"}
PERSON_FIELDS = {f.name for f in fields(Person)} | {"municipality"}
OPENING_FIELDS = {f.name for f in fields(Opening)} | {"municipality"}
WEIGHT_FIELDS = {f.name for f in fields(Weights)}
FAIRNESS_FIELDS = {f.name for f in fields(Fairness)}
MAX_K = 100_000
MAX_SEED = 2**63 - 1
MAX_SCALE = 10**9
MAX_POOL_LIMIT = 10_000_000


def _reject_constant(name: str):
    raise InstanceError(f"{name} is not a number JSON allows")


def loads(text: str | bytes) -> dict:
    """Parse JSON strictly: NaN and ±Infinity literals are refused, the top level must be an object."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise InstanceError(f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}")
    except UnicodeDecodeError as e:
        raise InstanceError(f"the file is not UTF-8 text ({e.reason})")
    except RecursionError:
        raise InstanceError("malformed JSON: nested too deeply")
    except InstanceError:  # NaN or Infinity, from _reject_constant
        raise
    except ValueError:  # an integer of more than 4,300 digits (Python's limit on int(str))
        raise InstanceError("malformed JSON: a number has more than 4,300 digits") from None
    if not isinstance(data, dict):
        raise InstanceError(f"the instance must be a JSON object, got {_type(data)}")
    _check_strings(data)
    return data


def _check_strings(data) -> None:
    """Refuse lone surrogates ("\\udc80"): JSON's escapes allow them, but no UTF-8 text can hold them, so the
    result could not be written. Iterative, so that deep nesting cannot exhaust the stack."""
    stack = [(data, "instance")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            stack.extend(reversed([(item, f"{where}.{key}") for key, item in value.items()]))  # first one first
            keys = list(value)
        elif isinstance(value, list):
            stack.extend(reversed([(item, f"{where}[{i}]") for i, item in enumerate(value)]))
            keys = []
        else:
            keys = [value] if isinstance(value, str) else []
        for text in keys:
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise InstanceError(f"{where}: a string holds a lone surrogate (\\u{ord(text[_surrogate(text)]):04x}), "
                                        "which is not Unicode text") from None


def _surrogate(text: str) -> int:
    return next(i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF)


def _type(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null",
            int: "an integer", float: "a number"}.get(type(value), type(value).__name__)


def _object(value, where: str, allowed: set, required: tuple = ()) -> dict:
    if not isinstance(value, dict):
        raise InstanceError(f"{where} must be an object, got {_type(value)}")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise InstanceError(f"{where}: unknown field {unknown[0]!r} (expected some of {', '.join(sorted(allowed))})")
    for key in required:
        if key not in value:
            raise InstanceError(f"{where}: missing {key!r}")
    return value


def _list(data: dict, key: str, where: str = "") -> list:
    value = data.get(key)
    if value is None:
        raise InstanceError(f"{where}missing {key!r} (a list)")
    if not isinstance(value, list):
        raise InstanceError(f"{where}{key!r} must be a list, got {_type(value)}")
    return value


def _id(value, where: str):
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InstanceError(f"{where} must be a string or an integer, got {_type(value)}")
    return value


def _int(value, where: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(f"{where} must be an integer, got {_type(value)}")
    if value < low or (high is not None and value > high):
        raise InstanceError(f"{where} must be {'at least ' + str(low) if high is None else f'between {low} and {high}'}, "
                            f"got {value}")
    return value


def _index(items: list, where: str) -> dict:
    index = {}
    for i, item in enumerate(items):
        key = _id(item.get("id"), f"{where}[{i}].id") if "id" in item else None
        if key is None:
            raise InstanceError(f"{where}[{i}]: missing 'id'")
        if key in index:
            raise InstanceError(f"{where}[{i}]: duplicate id {key!r}")
        index[key] = i
    return index


def _build(cls, raw: dict, where: str, allowed: set):
    _object(raw, where, allowed, ("id",))
    values = dict(raw)
    code = values.pop("municipality", None)
    if code is not None:
        if isinstance(code, int) and not isinstance(code, bool):
            code = str(code)
        if not isinstance(code, str):
            raise InstanceError(f"{where}.municipality must be a code string, got {_type(code)}")
        place = municipalities().get(code)
        if place is None:
            raise InstanceError(f"{where}.municipality: unknown municipality code {code!r}")
        if values.get("lat") is None and values.get("lon") is None:
            values["lat"], values["lon"] = place["lat"], place["lon"]
    try:
        return cls(**values)
    except InstanceError as e:
        raise InstanceError(f"{where}: {e}")
    except TypeError as e:  # e.g. an unhashable value where a set member was expected
        raise InstanceError(f"{where}: {e}")


def _options(data: dict) -> tuple[Weights, Fairness]:
    try:
        weights = Weights(**_object(data.get("weights", {}), "weights", WEIGHT_FIELDS))
        fairness = Fairness(**_object(data.get("fairness", {}), "fairness", FAIRNESS_FIELDS))
    except TypeError as e:
        raise InstanceError(str(e))
    return weights, fairness


def solve_edge_form(data: dict, scale: int | None = None) -> dict:
    """Form 1: the best scored edges within the capacities (and the fairness, if given)."""
    _object(data, "instance", EDGE_TOP, ("people", "openings", "edges"))
    people = [_object(p, f"people[{i}]", EDGE_PERSON, ("id", "capacity")) for i, p in enumerate(_list(data, "people"))]
    openings = [_object(o, f"openings[{j}]", EDGE_OPENING, ("id", "count"))
                for j, o in enumerate(_list(data, "openings"))]
    person_row, opening_row = _index(people, "people"), _index(openings, "openings")
    capacity = [_int(p["capacity"], f"people[{i}].capacity", 0, 1_000_000) for i, p in enumerate(people)]
    count = [_int(o["count"], f"openings[{j}].count", 0, 1_000_000) for j, o in enumerate(openings)]
    newcomer = []
    for i, p in enumerate(people):
        flag = p.get("newcomer", False)
        if not isinstance(flag, bool):
            raise InstanceError(f"people[{i}].newcomer must be true or false, got {_type(flag)}")
        newcomer.append(flag)
    pe, oe, se, seen = [], [], [], set()
    for e, edge in enumerate(_list(data, "edges")):
        where = f"edges[{e}]"
        _object(edge, where, EDGE_FIELDS, ("person", "opening", "score"))
        p = _id(edge["person"], f"{where}.person")
        o = _id(edge["opening"], f"{where}.opening")
        if p not in person_row:
            raise InstanceError(f"{where}.person: unknown person {p!r}")
        if o not in opening_row:
            raise InstanceError(f"{where}.opening: unknown opening {o!r}")
        s = edge["score"]
        if isinstance(s, bool) or not isinstance(s, int | float):
            raise InstanceError(f"{where}.score must be a number, got {_type(s)}")
        s = float(s)
        if not math.isfinite(s):
            raise InstanceError(f"{where}.score must be finite, got {s}")
        if (p, o) in seen:
            raise InstanceError(f"{where}: a second edge for person {p!r} and opening {o!r}")
        seen.add((p, o))
        pe.append(person_row[p])
        oe.append(opening_row[o])
        se.append(s)
    _, fairness = _options({"fairness": data.get("fairness", {})})
    scale = _int(data.get("scale", SCALE) if scale is None else scale, "scale", 1, MAX_SCALE)
    sol = solve_edges(capacity, count, pe, oe, se, newcomer=newcomer, fairness=fairness, scale=scale)
    chosen = sol.chosen.tolist()
    return {
        "assignments": [{"person": people[pe[e]]["id"], "opening": openings[oe[e]]["id"], "score": se[e]} for e in chosen],
        "objective": math.fsum(se[e] for e in chosen),
    }


def solve_profile_form(data: dict, *, k: int | None = None, seed: int | None = None, scale: int | None = None,
                       pool_limit: int | str | None = "instance", timings: bool = False) -> dict:
    """Form 2: candidates, scores and the flow, each assignment with its `why`."""
    _object(data, "instance", PROFILE_TOP, ("people", "openings"))
    people = [_build(Person, p, f"people[{i}]", PERSON_FIELDS) for i, p in enumerate(_list(data, "people"))]
    openings = [_build(Opening, o, f"openings[{j}]", OPENING_FIELDS) for j, o in enumerate(_list(data, "openings"))]
    _index([{"id": p.id} for p in people], "people")
    _index([{"id": o.id} for o in openings], "openings")
    weights, fairness = _options(data)
    k = _int(data.get("k", 20) if k is None else k, "k", 1, MAX_K)
    seed = _int(data.get("seed", 0) if seed is None else seed, "seed", 0, MAX_SEED)
    scale = _int(data.get("scale", SCALE) if scale is None else scale, "scale", 1, MAX_SCALE)
    if pool_limit == "instance":
        pool_limit = data.get("pool_limit", POOL_LIMIT)
        if pool_limit is not None:
            pool_limit = _int(pool_limit, "pool_limit", 1, MAX_POOL_LIMIT)
    result = match(people, openings, weights, fairness, k=k, seed=seed, scale=scale, pool_limit=pool_limit)
    stats = dict(result.stats)
    clock = stats.pop("timings")
    if timings:
        stats["timings"] = clock
    return {"assignments": [a.as_dict() for a in result.assignments], "objective": result.objective, "stats": stats}


def solve(data: dict, **options) -> dict:
    """Solve either form; `options` override the instance's k, seed, scale and pool_limit."""
    if "edges" in data:
        return solve_edge_form(data, options.get("scale"))
    return solve_profile_form(data, **options)
