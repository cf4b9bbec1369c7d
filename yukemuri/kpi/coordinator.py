"""The coordinator's list of stalled ideas: a key person wanted, or a plan without money, for too long."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.funding.selectors import funded_idea_ids
from yukemuri.ideas.models import Idea, Stage, Status
from yukemuri.matching.selectors import candidate_pool, role_candidates
from yukemuri.people.candidates import could_help
from yukemuri.teams.selectors import key_person_wanted_before, member_ids

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
    pool = candidate_pool() if any(item.role is not None for item in items) else None
    for item in items:
        if item.role is not None:  # the matching engine ranks people for the key-person role
            item.helpers = [person for person, _reasons in role_candidates(item.role, limit=5, pool=pool)]
            continue
        team = member_ids(item.idea)
        item.helpers = could_help(skill_ids=skills.get(item.idea.pk, ()),
                                  sdg_numbers=item.idea.sdgs.values_list("number", flat=True),
                                  theme_ids=item.idea.themes.values_list("pk", flat=True),
                                  area_id=item.idea.area_id, exclude_ids=team)
    return items
