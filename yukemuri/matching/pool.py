"""Read people and openings from the rest of yukemuri into the engine's plain types.

Only people who agreed to be suggested (the `matching` consent) are in the pool. A creator has the skill
"creator" and one "creator:<kind>" per kind, so a creator brief requires the first and prefers the kinds.
"""

from collections import defaultdict

from django.db.models import Q

from yukemuri.events.selectors import attendee_ids
from yukemuri.people.models import ConsentPurpose, User
from yukemuri.teams.selectors import member_person_ids

from . import engine
from .models import Opening, Profile


def consenting_people():
    consented = Q(consents__purpose=ConsentPurpose.MATCHING, consents__withdrawn_at__isnull=True)
    return User.objects.filter(consented, is_active=True).select_related("home_municipality").distinct()


def engine_people(people=None, *, busy: dict | None = None) -> list:
    """Engine persons for `people` (default: everyone who agreed). `busy` maps person id → commitments
    already held, taken off their capacity."""
    people = list(people if people is not None else consenting_people())
    ids = [p.pk for p in people]
    skills: dict[int, dict] = defaultdict(dict)
    from yukemuri.people.models import PersonCreatorKind, PersonSkill

    for person_id, skill_id, level in PersonSkill.objects.filter(person_id__in=ids).values_list(
            "person_id", "skill_id", "level"):
        skills[person_id][skill_id] = level
    for person_id, kind in PersonCreatorKind.objects.filter(person_id__in=ids).values_list("person_id", "kind"):
        skills[person_id][f"creator:{kind}"] = 3
        skills[person_id]["creator"] = 3
    sdgs, themes = defaultdict(set), defaultdict(set)
    for person_id, number in User.interest_sdgs.through.objects.filter(user_id__in=ids).values_list(
            "user_id", "sdggoal__number"):
        sdgs[person_id].add(number)
    for person_id, theme in User.interest_themes.through.objects.filter(user_id__in=ids).values_list(
            "user_id", "theme_id"):
        themes[person_id].add(theme)
    profiles = {p.person_id: p for p in Profile.objects.filter(person_id__in=ids)}
    experienced = member_person_ids(ids) | attendee_ids(ids)
    busy = busy or {}
    result = []
    for person in people:
        profile = profiles.get(person.pk) or Profile(person=person)
        home = person.home_municipality
        result.append(engine.Person(
            id=person.pk, capacity=max(profile.capacity - busy.get(person.pk, 0), 0), skills=skills[person.pk],
            sdgs=sdgs[person.pk], themes=themes[person.pk],
            lat=home.latitude if home else None, lon=home.longitude if home else None,
            travel_km=profile.travel_km, online_only=profile.online_only,
            # "pt-br", "zh-hans" → "pt", "zh": the codes of the languages people say they speak.
            languages=set(person.languages or []) | {person.preferred_language.split("-")[0]},
            availability=set(profile.availability), newcomer=person.pk not in experienced,
        ))
    return result


def engine_openings(openings) -> list:
    openings = list(openings)
    required, preferred = defaultdict(dict), defaultdict(dict)
    for opening_id, skill_id in Opening.skills_required.through.objects.filter(
            opening_id__in=[o.pk for o in openings]).values_list("opening_id", "skill_id"):
        required[opening_id][skill_id] = 1
    for opening_id, skill_id in Opening.skills_preferred.through.objects.filter(
            opening_id__in=[o.pk for o in openings]).values_list("opening_id", "skill_id"):
        preferred[opening_id][skill_id] = 1
    result = []
    for opening in openings:
        place = opening.municipality
        wanted = dict(preferred[opening.pk])
        needs = dict(required[opening.pk])
        if opening.creator_kinds:  # only creators, best of the kinds asked for
            needs["creator"] = 1
            wanted.update({f"creator:{kind}": 1 for kind in opening.creator_kinds})
        result.append(engine.Opening(
            id=opening.pk, count=opening.count, kind=opening.kind, required_skills=needs,
            preferred_skills={k: v for k, v in wanted.items() if k not in needs},
            sdgs=set(opening.sdgs), online=opening.online,
            lat=None if opening.online or place is None else place.latitude,
            lon=None if opening.online or place is None else place.longitude,
            languages={opening.language} if opening.language else set(), availability=set(opening.slots),
        ))
    return result
