"""The engine's vocabulary: people, openings, weights, fairness and the results it returns.

Plain frozen dataclasses, no Django. Constructors normalise what they are given (lists to frozensets,
a list of skill names to levels of 1) and raise `InstanceError` for what cannot be matched sensibly,
so the JSON reader and the Django side get the same checks.
"""

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("am", "pm", "eve")
SLOTS = tuple(f"{day}-{part}" for day in DAYS for part in PARTS)
"""The weekly time slots availability is counted in: "mon-am" … "sun-eve" (21)."""

SLOT_BIT = {slot: 1 << i for i, slot in enumerate(SLOTS)}
LEVELS = (1, 2, 3)  # 1 learning, 2 experienced, 3 expert
COMPONENT_KEYS = ("skills", "interests", "distance", "language", "availability")
"""Stable keys of the score components, in the order their values are added."""

MAX_COUNT = 1_000_000  # capacities and counts above this are input mistakes, and would strain integer costs


class InstanceError(ValueError):
    """Input the engine cannot match: the message says what and where, in one line."""


def _check_id(value, what: str):
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InstanceError(f"{what} must be a string or an integer, got {type(value).__name__}")
    return value


def _check_count(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(f"{what} must be a non-negative integer, got {type(value).__name__}")
    if value < 0 or value > MAX_COUNT:
        raise InstanceError(f"{what} must be between 0 and {MAX_COUNT}, got {value}")
    return value


def _check_real(value, what: str, *, optional: bool = False, positive: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InstanceError(f"{what} must be a number, got {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise InstanceError(f"{what} must be finite, got {value}")
    if positive and value <= 0:
        raise InstanceError(f"{what} must be positive, got {value}")
    if value < 0:
        raise InstanceError(f"{what} must not be negative, got {value}")
    return value


def _check_bool(value, what: str) -> bool:
    if not isinstance(value, bool):
        raise InstanceError(f"{what} must be true or false, got {type(value).__name__}")
    return value


def _terms(values, what: str) -> frozenset:
    """A set of ids (themes, languages): strings or integers; one string alone counts as a list of one."""
    if isinstance(values, str):
        return frozenset([values])
    if isinstance(values, bytes | Mapping) or not isinstance(values, Iterable):
        raise InstanceError(f"{what} must be a list, got {type(values).__name__}")
    return frozenset(_check_id(v, f"{what} entries") for v in values)


def _sdgs(values, what: str) -> frozenset[int]:
    out = _terms(values, what)
    for goal in out:
        if not isinstance(goal, int) or not 1 <= goal <= 17:
            raise InstanceError(f"{what}: SDG goals are the numbers 1 to 17, got {goal!r}")
    return out


def _slots(values, what: str) -> frozenset[str]:
    out = _terms(values, what)
    for slot in out:
        if slot not in SLOT_BIT:
            raise InstanceError(f"{what}: unknown time slot {slot!r} (expected e.g. 'sat-am', 'wed-eve')")
    return out


def _skills(values, what: str) -> Mapping:
    """Skill → level (1–3). A plain list of skill names means level 1 each."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        values = {name: 1 for name in _terms(values, what)}
    out = {}
    for name, level in values.items():
        _check_id(name, f"{what} names")
        if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
            raise InstanceError(f"{what}: level of {name!r} must be 1, 2 or 3, got {level!r}")
        out[name] = level
    return out


def _position(obj, what: str):
    lat = _check_real_signed(obj.lat, f"{what} lat")
    lon = _check_real_signed(obj.lon, f"{what} lon")
    if (lat is None) != (lon is None):
        raise InstanceError(f"{what}: give both lat and lon, or neither")
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InstanceError(f"{what}: lat/lon out of range ({lat}, {lon})")
    return lat, lon


def _check_real_signed(value, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InstanceError(f"{what} must be a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise InstanceError(f"{what} must be finite, got {value}")
    return float(value)


@dataclass(frozen=True, slots=True)
class Person:
    """人 — someone who could help: what they can do, care about, where they live and when they are free.

    `capacity` is how many more commitments they can take on now; `travel_km` None means any distance.
    `lat`/`lon` are the centroid of the home municipality (or better, if known); unknown means the
    distance neither excludes nor scores.
    """

    id: Hashable
    capacity: int = 1
    skills: Mapping[Hashable, int] = field(default_factory=dict)
    sdgs: frozenset[int] = frozenset()
    themes: frozenset = frozenset()
    lat: float | None = None
    lon: float | None = None
    travel_km: float | None = None
    online_only: bool = False
    languages: frozenset = frozenset()
    availability: frozenset[str] = frozenset()
    newcomer: bool = False

    def __post_init__(self):
        what = f"person {self.id!r}"
        _check_id(self.id, "person id")
        set_ = object.__setattr__
        set_(self, "capacity", _check_count(self.capacity, f"{what} capacity"))
        set_(self, "skills", _skills(self.skills, f"{what} skills"))
        set_(self, "sdgs", _sdgs(self.sdgs, f"{what} sdgs"))
        set_(self, "themes", _terms(self.themes, f"{what} themes"))
        lat, lon = _position(self, what)
        set_(self, "lat", lat)
        set_(self, "lon", lon)
        set_(self, "travel_km", _check_real(self.travel_km, f"{what} travel_km", optional=True))
        set_(self, "online_only", _check_bool(self.online_only, f"{what} online_only"))
        set_(self, "languages", _terms(self.languages, f"{what} languages"))
        set_(self, "availability", _slots(self.availability, f"{what} availability"))
        set_(self, "newcomer", _check_bool(self.newcomer, f"{what} newcomer"))


@dataclass(frozen=True, slots=True)
class Opening:
    """募集 — a role wanted on an idea, a volunteer task, a creator brief or a consultation.

    `required_skills` and `languages` are hard: people without them are never suggested.
    `preferred_skills`, `preferred_languages`, interests and `availability` (the slots when it takes
    place) only add score. `online` openings have no place; otherwise `lat`/`lon` is where it is.
    `kind` is carried for the caller and does not change the matching.
    """

    id: Hashable
    count: int = 1
    kind: str = "role"
    required_skills: Mapping[Hashable, int] = field(default_factory=dict)
    preferred_skills: Mapping[Hashable, int] = field(default_factory=dict)
    sdgs: frozenset[int] = frozenset()
    themes: frozenset = frozenset()
    online: bool = False
    lat: float | None = None
    lon: float | None = None
    languages: frozenset = frozenset()
    preferred_languages: frozenset = frozenset()
    availability: frozenset[str] = frozenset()

    def __post_init__(self):
        what = f"opening {self.id!r}"
        _check_id(self.id, "opening id")
        set_ = object.__setattr__
        set_(self, "count", _check_count(self.count, f"{what} count"))
        if not isinstance(self.kind, str):
            raise InstanceError(f"{what} kind must be a string")
        set_(self, "required_skills", _skills(self.required_skills, f"{what} required_skills"))
        set_(self, "preferred_skills", _skills(self.preferred_skills, f"{what} preferred_skills"))
        both = set(self.required_skills) & set(self.preferred_skills)
        if both:
            raise InstanceError(f"{what}: skill {sorted(map(str, both))[0]!r} is both required and preferred")
        set_(self, "sdgs", _sdgs(self.sdgs, f"{what} sdgs"))
        set_(self, "themes", _terms(self.themes, f"{what} themes"))
        set_(self, "online", _check_bool(self.online, f"{what} online"))
        lat, lon = _position(self, what)
        set_(self, "lat", lat)
        set_(self, "lon", lon)
        set_(self, "languages", _terms(self.languages, f"{what} languages"))
        set_(self, "preferred_languages", _terms(self.preferred_languages, f"{what} preferred_languages"))
        set_(self, "availability", _slots(self.availability, f"{what} availability"))

    @property
    def wanted_skills(self) -> dict:
        """Required then preferred skills with their levels, in a stable order."""
        return {**self.required_skills, **self.preferred_skills}


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each component counts (the operator's setting). Each component's fit is in [0, 1], so
    a score lies between 0 and the sum of the weights. `distance_scale_km` is the distance at which
    the distance fit reaches 0."""

    skills: float = 0.4
    interests: float = 0.2
    distance: float = 0.2
    language: float = 0.05
    availability: float = 0.15
    distance_scale_km: float = 30.0

    def __post_init__(self):
        for key in COMPONENT_KEYS:
            _check_real(getattr(self, key), f"weights.{key}")
        _check_real(self.distance_scale_km, "weights.distance_scale_km", positive=True)

    def of(self, key: str) -> float:
        return getattr(self, key)


@dataclass(frozen=True, slots=True)
class Fairness:
    """公平さ — at least `newcomer_share` of the suggestions go to people new to co-creation, as far as
    eligible newcomers exist; nobody gets more than `max_offers_per_person` suggestions (None: no cap
    beyond their capacity). See docs/matching.md for the exact rule."""

    newcomer_share: float = 0.0
    max_offers_per_person: int | None = None

    def __post_init__(self):
        share = _check_real(self.newcomer_share, "fairness.newcomer_share")
        if share > 1:
            raise InstanceError(f"fairness.newcomer_share must be between 0 and 1, got {share}")
        object.__setattr__(self, "newcomer_share", share)
        if self.max_offers_per_person is not None:
            _check_count(self.max_offers_per_person, "fairness.max_offers_per_person")


@dataclass(frozen=True, slots=True)
class Component:
    """One reason: `value` = weight × `fit`; `details` say what matched (for a sentence in a template)."""

    key: str
    value: float
    fit: float
    details: dict[str, Any]

    def as_dict(self) -> dict:
        return {"key": self.key, "value": self.value, "fit": self.fit, "details": self.details}


@dataclass(frozen=True, slots=True)
class Score:
    """A score and its parts: `total` is math.fsum of the component values. `excluded_by` lists the hard
    constraints the pair breaks ("required_skills", "languages", "online_only", "travel"); a pair with
    any is never suggested."""

    total: float
    components: tuple[Component, ...]
    excluded_by: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        return not self.excluded_by

    def why(self) -> tuple[Component, ...]:
        """The components, largest contribution first (ties in COMPONENT_KEYS order)."""
        order = {key: i for i, key in enumerate(COMPONENT_KEYS)}
        return tuple(sorted(self.components, key=lambda c: (-c.value, order[c.key])))


@dataclass(frozen=True, slots=True)
class Assignment:
    """A suggestion: this person for this opening, with its score and the reasons (largest first)."""

    person: Hashable
    opening: Hashable
    score: float
    why: tuple[Component, ...] = ()

    def as_dict(self) -> dict:
        out = {"person": self.person, "opening": self.opening, "score": self.score}
        if self.why:
            out["why"] = [c.as_dict() for c in self.why]
        return out


@dataclass(frozen=True, slots=True)
class Result:
    """The engine's answer: the suggestions (by opening, best first), their total score, and figures
    about the run (`stats`: sizes, fairness target and share reached, timings in seconds)."""

    assignments: tuple[Assignment, ...]
    objective: float
    stats: dict[str, Any] = field(default_factory=dict)
