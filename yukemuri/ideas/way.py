"""The idea page's account of the idea's way: stages, what it lacks, roles, team, milestones, money, history.

Moved from ideas.selectors, which stages.py reads (followers): the selectors no longer import the stages back.
The team and the campaigns come from the teams and funding apps through stages.provider (they are built on ideas).
"""

from dataclasses import dataclass
from datetime import datetime

from yukemuri.actions import verbs
from yukemuri.actions.selectors import history_of
from yukemuri.core.permissions import allowed

from . import milestones as milestone_rules
from . import stages
from .models import Stage, StageChange


@dataclass(frozen=True)
class Step:
    """One line of the idea's timeline, read from the action stream (docs/decisions/0009-action-stream.md)."""

    at: datetime
    kind: str
    from_stage: str
    to_stage: str
    by: object
    reason: str

    def get_kind_display(self):
        return StageChange.Kind(self.kind).label

    def get_from_stage_display(self):
        return Stage(self.from_stage).label

    def get_to_stage_display(self):
        return Stage(self.to_stage).label


def timeline(idea) -> list[Step]:
    """Moves, pauses, closes and resumptions of the idea, oldest first, as recorded in the stream."""
    steps = []
    for action in history_of(idea, (verbs.IDEA_STAGE_CHANGED, verbs.IDEA_STATUS_CHANGED)):
        data = action.data
        if data.get("kind") not in StageChange.Kind.values:
            continue
        if action.verb == verbs.IDEA_STAGE_CHANGED:
            from_stage, to_stage = data["old"], data["new"]
        else:  # a status change leaves the stage where it was
            from_stage = to_stage = data.get("stage", idea.stage)
        steps.append(Step(action.created_at, data["kind"], from_stage, to_stage, action.actor, data.get("reason", "")))
    return steps


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
        "timeline": timeline(idea),
        "may_steer": allowed(viewer, "ideas.move_idea", idea),
    }


def facts_lead_ids(team) -> set[int]:
    return {member.person_id for member in team if member.is_lead}
