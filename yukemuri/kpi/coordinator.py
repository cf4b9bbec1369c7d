"""The coordinator's list of stalled ideas: a key person wanted, or a plan without money, for too long.

It reads only (a GET never writes), in a fixed number of queries however many ideas are stalled: the
people who agreed to be suggested are read once, and everything per idea is prefetched.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.funding.selectors import funded_idea_ids
from yukemuri.ideas.models import Idea, Stage, Status
from yukemuri.matching.pool import consenting_people
from yukemuri.matching.selectors import candidate_pool, rank_roles
from yukemuri.teams.selectors import key_person_wanted_before, member_ids_by_idea

STALLED_AFTER = timedelta(days=30)


@dataclass
class Stalled:
    idea: Idea
    since: datetime
    reasons: list[str]
    helpers: list
    role: object = None  # the open key-person role, to invite a helper into


def stalled_ideas(now=None) -> list[Stalled]:
    """Oldest stall first. Each comes with people who could help (matching consent, fitting skills or area)."""
    cutoff = (now or timezone.now()) - STALLED_AFTER
    active = Idea.objects.published().filter(status=Status.ACTIVE)
    found: dict[int, Stalled] = {}
    roles = key_person_wanted_before(cutoff, active)
    skills: dict[int, set[int]] = {}
    for role in roles:
        item = found.setdefault(role.idea_id, Stalled(role.idea, role.opened_at, [], []))
        item.since, item.role = min(item.since, role.opened_at), item.role or role
        item.reasons.append(_("A key person has been wanted since %(date)s.") % {
            "date": timezone.localdate(role.opened_at).isoformat()})
        skills.setdefault(role.idea_id, set()).update(skill.pk for skill in role.skills.all())
    plans = list(active.filter(stage=Stage.PLAN, stage_changed_at__lte=cutoff, budget_line="").select_related("area"))
    funded = funded_idea_ids([idea.pk for idea in plans])
    for idea in plans:
        if idea.pk in funded:
            continue
        item = found.setdefault(idea.pk, Stalled(idea, idea.stage_changed_at, [], []))
        item.since = min(item.since, idea.stage_changed_at)
        item.reasons.append(_("The plan has had no money since %(date)s.") % {
            "date": timezone.localdate(idea.stage_changed_at).isoformat()})
    items = sorted(found.values(), key=lambda item: (item.since, item.idea.pk))
    if not items:
        return items
    people = list(consenting_people())
    users = {person.pk: person for person in people}
    pool = candidate_pool(people)
    ranked = rank_roles([item.role for item in items if item.role is not None], limit=5, pool=pool, people=users)
    others = [item for item in items if item.role is None]
    prefetch_related_objects([item.idea for item in others], "sdgs", "themes")
    teams = member_ids_by_idea([item.idea.pk for item in others])
    for item in items:
        if item.role is not None:  # the matching engine ranks people for the key-person role
            item.helpers = [person for person, _total, _reasons in ranked[item.role.pk]]
            continue
        item.helpers = _could_help(pool, users, skill_ids=skills.get(item.idea.pk, set()),
                                   sdg_numbers={goal.number for goal in item.idea.sdgs.all()},
                                   theme_ids={theme.pk for theme in item.idea.themes.all()},
                                   area_id=item.idea.area_id, exclude_ids=teams.get(item.idea.pk, set()))
    return items


def _could_help(pool, users, *, skill_ids, sdg_numbers, theme_ids, area_id, exclude_ids, limit: int = 5) -> list:
    """Up to `limit` people who agreed to be suggested and fit by a skill, an interest or their home area,
    best fit first (skills matched, then interests, then the oldest account), from the pool already read
    (the rule of people.candidates.could_help, without a query per idea)."""
    fits = []
    for person in pool:
        if person.id in exclude_ids:
            continue
        user = users[person.id]
        fit_skills = len(skill_ids & {key for key in person.skills if isinstance(key, int)})
        fit_interests = len(sdg_numbers & set(person.sdgs))
        same_area = bool(area_id) and user.home_municipality is not None and user.home_municipality.area_id == area_id
        if fit_skills or fit_interests or theme_ids & set(person.themes) or same_area:
            fits.append((-fit_skills, -fit_interests, person.id))
    return [users[pid] for _s, _i, pid in sorted(fits)[:limit]]
