"""The idea page's account of the idea's way: stages, what it lacks, roles, team, milestones, money, history.

Moved from ideas.selectors, which stages.py reads (followers): the selectors no longer import the stages back.
The team and the campaigns come from the teams and funding apps through stages.provider (they are built on ideas).
"""

from yukemuri.core.permissions import allowed

from . import milestones as milestone_rules
from . import stages
from .models import Stage, StageChange


def way_of(idea, viewer) -> dict:
    """What the idea page shows of the idea's way: stages, what it lacks, roles, team, milestones, money, history."""
    teams, funding = stages.provider("teams"), stages.provider("funding")
    target = stages.next_stage(idea)
    items = list(idea.milestones.all())
    team = list(teams.team_of(idea))
    campaigns = list(funding.campaigns_of(idea))
    adoptions = list(idea.adoptions.select_related("municipality"))
    facts = stages.facts_from(idea, members=team, campaigns=campaigns,
                              adoption_municipality_ids=[a.municipality_id for a in adoptions])
    current = Stage.index(idea.stage)
    return {
        "stages": [(value, label, Stage.index(value) < current, value == idea.stage) for value, label in Stage.choices],
        "next_stage_label": Stage(target).label if target else None,
        "missing": stages.missing_for(idea, target, facts) if target and idea.status == "active" else [],
        "roles": list(teams.open_roles(idea)),
        "team": team,
        "milestones": items,
        "progress": milestone_rules.progress(items),
        "next_milestone": milestone_rules.next_milestone(items),
        "campaigns": campaigns,
        "adoptions": adoptions,
        "timeline": list(StageChange.objects.filter(idea=idea).select_related("by")),
        "may_steer": allowed(viewer, "ideas.move_idea", idea),
    }


def facts_lead_ids(team) -> set[int]:
    return {member.person_id for member in team if member.is_lead}
