from yukemuri.consultations.tests.conftest import (  # noqa: F401  (the same space, rooms and people)
    _reference_data,
    contractor,
    coordinator,
    member,
    operator,
    room,
    slot,
    space,
)
