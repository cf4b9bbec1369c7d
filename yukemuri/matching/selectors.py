"""Reads for matching. Nothing here writes: openings are brought up to date by the writes that run the
matching (services.suggest), and a role is ranked as it is now (role_target), whatever its mirror says."""

from collections import defaultdict

from django.db.models import prefetch_related_objects

from yukemuri.people.models import User
from yukemuri.teams.selectors import member_ids_by_idea

from . import engine
from .models import Opening, Suggestion
from .reasons import sentences, skill_names


def candidate_pool(people=None) -> list:
    """The engine's people, read once for ranking several openings."""
    from .pool import engine_people

    return engine_people(people)


def role_target(role, opening_id=None) -> engine.Opening:
    """The engine's opening for an open role as it stands, built without writing (what
    services.refresh_openings would store). Needs the role's skills, idea and idea's SDGs and place."""
    idea = role.idea
    place = idea.municipality
    return engine.Opening(
        id=opening_id if opening_id is not None else f"role-{role.pk}", count=role.places_left,
        kind=Opening.Kind.ROLE, preferred_skills={skill.pk: 1 for skill in role.skills.all()},
        sdgs=frozenset(goal.number for goal in idea.sdgs.all()),
        lat=place.latitude if place else None, lon=place.longitude if place else None)


def _people_with_reasons(ranked, people=None) -> list[list[tuple]]:
    """[(person, score, reasons)] for each list of (score, person id, Score), with one read of the people
    and one of the skills' names for all of them."""
    ids = {pid for rows in ranked for _t, pid, _s in rows}
    if people is None:
        people = User.objects.select_related("home_municipality").in_bulk(list(ids)) if ids else {}
    whys = [[[c.as_dict() for c in scored.why()] for _t, _pid, scored in rows] for rows in ranked]
    names = skill_names([why for rows in whys for why in rows])
    return [[(people[pid], total, sentences(why, names)) for (total, pid, _s), why in zip(rows, row_whys, strict=True)]
            for rows, row_whys in zip(ranked, whys, strict=True)]


def ranked_people(opening, *, limit: int = 10, pool=None) -> list[tuple]:
    """(person, score, reasons in the reader's language) of the best people for an opening."""
    from .services import candidates

    return _people_with_reasons([candidates(opening, limit=limit, pool=pool)])[0]


def rank_roles(roles, *, limit: int = 5, pool=None, people=None) -> dict[int, list[tuple]]:
    """Role id → (person, score, reasons) of the best people for each open role, in a fixed number of
    queries however many roles. `people` (id → User) spares reading the people again."""
    from .services import rank

    roles = list(roles)
    if not roles:
        return {}
    prefetch_related_objects(roles, "skills", "idea__sdgs", "idea__municipality")
    opening_ids = dict(Opening.objects.filter(role__in=roles).values_list("role_id", "pk"))
    declined = defaultdict(set)
    for opening_id, person_id in Suggestion.objects.filter(
            opening_id__in=list(opening_ids.values()), status=Suggestion.Status.DECLINED).values_list(
            "opening_id", "person_id"):
        declined[opening_id].add(person_id)
    teams = member_ids_by_idea({role.idea_id for role in roles})
    pool = candidate_pool() if pool is None else pool
    ranked = []
    for role in roles:
        opening_id = opening_ids.get(role.pk)
        excluded = declined[opening_id] | teams.get(role.idea_id, set())
        ranked.append(rank(pool, role_target(role, opening_id), excluded=excluded, limit=limit))
    return {role.pk: rows for role, rows in zip(roles, _people_with_reasons(ranked, people), strict=True)}


def role_candidates(role, *, limit: int = 5, pool=None) -> list[tuple]:
    """(person, reasons) of the best people for an open role, by the engine's score."""
    return [(person, reasons) for person, _total, reasons in rank_roles([role], limit=limit, pool=pool)[role.pk]]
