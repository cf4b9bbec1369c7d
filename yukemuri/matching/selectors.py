from yukemuri.people.models import User

from .models import Opening
from .reasons import sentences, skill_names


def candidate_pool() -> list:
    """Openings brought up to date and the engine's people, read once for ranking several openings."""
    from .pool import engine_people
    from .services import refresh_openings

    refresh_openings()
    return engine_people()


def ranked_people(opening, *, limit: int = 10, pool=None) -> list[tuple]:
    """(person, score, reasons in the reader's language) of the best people for an opening."""
    from .services import candidates

    ranked = candidates(opening, limit=limit, pool=pool)
    people = User.objects.select_related("home_municipality").in_bulk([pid for _t, pid, _s in ranked])
    whys = [[c.as_dict() for c in scored.why()] for _t, _pid, scored in ranked]
    names = skill_names(whys)
    return [(people[pid], total, sentences(why, names))
            for (total, pid, _s), why in zip(ranked, whys, strict=True)]


def role_candidates(role, *, limit: int = 5, pool=None) -> list[tuple]:
    """(person, reasons) of the best people for an open role, by the engine's score."""
    opening = Opening.objects.filter(role=role).first()
    if opening is None:
        return []
    return [(person, reasons) for person, _total, reasons in ranked_people(opening, limit=limit, pool=pool)]
