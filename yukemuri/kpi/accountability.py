"""The public accountability table (見える化): every idea, where it stands and what it still lacks."""

from dataclasses import dataclass

from yukemuri.funding.selectors import raised_by_idea
from yukemuri.ideas import milestones as milestone_rules
from yukemuri.ideas import stages
from yukemuri.ideas.evaluation import latest_evaluations
from yukemuri.ideas.models import Milestone
from yukemuri.teams.selectors import open_roles_by_idea


@dataclass
class Row:
    idea: object
    progress: int | None
    next_milestone: object
    lacks: list[str]
    open_roles: list[str]
    raised_yen: int
    evaluation: object = None  # the latest yearly evaluation (ideas/evaluation.py), or None


def rows_for(ideas) -> list[Row]:
    """Rows for a page (or a batch) of ideas in a fixed number of queries."""
    ideas = list(ideas)
    ids = [idea.pk for idea in ideas]
    facts = stages.facts_for(ideas)
    roles = open_roles_by_idea(ids)
    raised = raised_by_idea(ids)
    evaluations = latest_evaluations(ids)
    milestones: dict[int, list] = {}
    for milestone in Milestone.objects.filter(idea_id__in=ids):
        milestones.setdefault(milestone.idea_id, []).append(milestone)
    rows = []
    for idea in ideas:
        target = stages.next_stage(idea)
        items = milestones.get(idea.pk, [])
        lacks = stages.missing_for(idea, target, facts[idea.pk]) if target and idea.status == "active" else []
        rows.append(Row(idea=idea, progress=milestone_rules.progress(items),
                        next_milestone=milestone_rules.next_milestone(items), lacks=lacks,
                        open_roles=[str(role.get_kind_display()) for role in roles.get(idea.pk, [])],
                        raised_yen=raised.get(idea.pk, 0), evaluation=evaluations.get(idea.pk)))
    return rows

