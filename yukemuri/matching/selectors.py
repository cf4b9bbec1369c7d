from yukemuri.people.models import User

from .models import Opening
from .reasons import sentences, skill_names


def role_candidates(role, *, limit: int = 5) -> list[tuple]:
    """(person, reasons) of the best people for an open role, by the engine's score."""
    from .services import candidates

    opening = Opening.objects.filter(role=role).first()
    if opening is None:
        from .services import refresh_openings

        refresh_openings()
        opening = Opening.objects.filter(role=role).first()
    if opening is None:
        return []
    ranked = candidates(opening, limit=limit)
    people = User.objects.select_related("home_municipality").in_bulk([pid for _t, pid, _s in ranked])
    whys = [[c.as_dict() for c in scored.why()] for _t, _pid, scored in ranked]
    names = skill_names(whys)
    return [(people[pid], sentences(why, names)) for (_t, pid, _s), why in zip(ranked, whys, strict=True)]
