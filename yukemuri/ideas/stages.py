"""The way of an idea (seed → team → plan → funding → pilot → running → spread), its rules and its history.

Every rule lives here, so the pages, the API and the demo all move ideas the same way. `missing_for`
says in plain words what an idea still lacks for a stage; the accountability page shows the same words.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require

from .models import Adoption, Idea, Stage, StageChange, Status

# What an idea's team and campaigns are is known to the teams and funding apps, which are built on ideas (their
# models point at Idea): ideas does not import them. Each names its selectors here in its AppConfig.ready —
# teams: team_facts_by_idea, facts_of, team_of, open_roles; funding: live_idea_ids, funded_idea_ids, is_live,
# is_funded, campaigns_of (docs/decisions/0010-layers.md).
PROVIDERS = {}


def provide(**providers) -> None:
    """Called by the apps above ideas when Django is ready: provide(teams=selectors) or provide(funding=selectors)."""
    PROVIDERS.update(providers)


def provider(name: str):
    try:
        return PROVIDERS[name]
    except KeyError:
        raise ImproperlyConfigured(f"The ideas' stages need the {name} app (yukemuri.{name} in INSTALLED_APPS).") from None


@dataclass(frozen=True)
class Facts:
    """What the rules need to know of an idea beyond its own fields; read for many ideas at once."""

    team_size: int
    has_key_person: bool
    live_campaign: bool
    funded_campaign: bool
    adopted_elsewhere: bool


def facts_for(ideas) -> dict[int, Facts]:
    """The facts of many ideas in four queries (the accountability table, the coordinator's list)."""
    ideas = list(ideas)
    ids = [idea.pk for idea in ideas]
    teams, funding = provider("teams"), provider("funding")
    team = teams.team_facts_by_idea(ids)
    live, funded = funding.live_idea_ids(ids), funding.funded_idea_ids(ids)
    home = {idea.pk: idea.municipality_id for idea in ideas}
    adopted = {idea_id for idea_id, municipality_id in
               Adoption.objects.filter(idea_id__in=ids).values_list("idea_id", "municipality_id")
               if municipality_id != home[idea_id]}
    empty = teams.TeamFacts(0, False, frozenset())
    return {pk: Facts(team_size=team.get(pk, empty).size, has_key_person=team.get(pk, empty).has_key_person,
                      live_campaign=pk in live, funded_campaign=pk in funded, adopted_elsewhere=pk in adopted)
            for pk in ids}


def facts_from(idea, *, members, campaigns, adoption_municipality_ids) -> Facts:
    """The facts of one idea from what its page has loaded anyway (no further queries)."""
    teams, funding = provider("teams"), provider("funding")
    team = teams.facts_of(members)
    return Facts(team_size=team.size, has_key_person=team.has_key_person,
                 live_campaign=any(funding.is_live(c) for c in campaigns),
                 funded_campaign=any(funding.is_funded(c) for c in campaigns),
                 adopted_elsewhere=any(m != idea.municipality_id for m in adoption_municipality_ids))


def _team(idea, facts) -> list[str]:
    missing = []
    if facts.team_size < 2:
        missing.append(_("A team needs at least two members."))
    if not facts.has_key_person:
        missing.append(_("The team needs a key person (キーマン)."))
    return missing


def _plan(idea, facts) -> list[str]:
    missing = []
    if not idea.goal.strip():
        missing.append(_("The plan needs a goal."))
    if not idea.first_step.strip():
        missing.append(_("The plan needs a first step."))
    if not idea.resources.strip():
        missing.append(_("The plan needs the resources it uses."))
    if idea.municipal_partner_id is None:
        missing.append(_("The plan needs a municipal partner."))
    return missing


def _funding(idea, facts) -> list[str]:
    return [] if facts.live_campaign else [_("Funding needs an open or successful campaign.")]


def _pilot(idea, facts) -> list[str]:
    missing = []
    if idea.pilot_starts_on is None:
        missing.append(_("A pilot needs a start date."))
    if not facts.funded_campaign and not idea.budget_line.strip():
        missing.append(_("A pilot needs a successful campaign or a budget line."))
    return missing


def _running(idea, facts) -> list[str]:
    if idea.pilot_starts_on is not None and idea.pilot_starts_on > timezone.localdate():
        return [_("The pilot has not started yet.")]
    return []


def _spread(idea, facts) -> list[str]:
    return [] if facts.adopted_elsewhere else [_("Spreading needs a second municipality that adopted the idea.")]


# What each stage asks for. Reaching a stage asks for those of every earlier stage too, except that the
# funding stage may be skipped by a pilot paid from a budget line, and later stages need not have a campaign open.
CHECKS = {Stage.TEAM: _team, Stage.PLAN: _plan, Stage.FUNDING: _funding, Stage.PILOT: _pilot,
          Stage.RUNNING: _running, Stage.SPREAD: _spread}


def missing_for(idea, stage, facts: Facts | None = None) -> list[str]:
    """What `idea` still lacks to stand at `stage` (sentences in the active language); empty if nothing."""
    facts = facts or facts_for([idea])[idea.pk]
    target = Stage.index(stage)
    missing = []
    for candidate, check in CHECKS.items():
        index = Stage.index(candidate)
        if index > target or (candidate == Stage.FUNDING and target != index):
            continue
        missing += check(idea, facts)
    return missing


def next_stage(idea) -> str | None:
    index = Stage.index(idea.stage)
    return Stage.values[index + 1] if index + 1 < len(Stage.values) else None


def _record(idea, *, kind, to_stage, by, reason, status=None) -> StageChange:
    change = StageChange.objects.create(idea=idea, kind=kind, from_stage=idea.stage, to_stage=to_stage, by=by,
                                        reason=reason.strip())
    if status is None:
        action_record(actor=by, verb=verbs.IDEA_STAGE_CHANGED, target=idea,
                      data={"kind": kind, "old": idea.stage, "new": to_stage, "reason": change.reason})
    else:
        action_record(actor=by, verb=verbs.IDEA_STATUS_CHANGED, target=idea,
                      data={"kind": kind, "old": idea.status, "new": status, "stage": idea.stage,
                            "reason": change.reason})
    fields = ["stage", "stage_changed_at", "updated_at"]
    if to_stage != idea.stage:
        idea.stage, idea.stage_changed_at = to_stage, change.at
    if status is not None:
        idea.status = status
        fields.append("status")
    idea.save(update_fields=fields)  # the followers hear of it after commit (ideas/receivers.py)
    return change


MESSAGES = {
    StageChange.Kind.ADVANCE: gettext_noop("“%(title)s” moved forward: %(from_label)s → %(to_label)s."),
    StageChange.Kind.BACK: gettext_noop("“%(title)s” moved back: %(from_label)s → %(to_label)s."),
    StageChange.Kind.PAUSE: gettext_noop("“%(title)s” is paused."),
    StageChange.Kind.RESUME: gettext_noop("“%(title)s” is moving again."),
    StageChange.Kind.CLOSE: gettext_noop("“%(title)s” is closed."),
}


def _locked(idea, by) -> Idea:
    require(by, "ideas.move_idea", idea, _("Only the idea's team leads, coordinators and staff can move it."))
    return Idea.objects.select_for_update().get(pk=idea.pk)


@transaction.atomic
def move(*, idea, by, to: str, reason: str = "") -> StageChange:
    """Move an idea to another stage: forward when it has what the stage asks for, back with a reason."""
    locked = _locked(idea, by)
    if to not in Stage.values or to == locked.stage:
        raise ValidationError({"stage": _("Choose a different stage.")})
    if locked.status != Status.ACTIVE:
        raise ValidationError({"stage": _("A paused or closed idea does not move; resume it first.")})
    backwards = Stage.index(to) < Stage.index(locked.stage)
    if backwards and not reason.strip():
        raise ValidationError({"reason": _("Say why the idea moves back.")})
    if not backwards:
        missing = missing_for(locked, to)
        if missing:
            raise ValidationError({"stage": missing})
    kind = StageChange.Kind.BACK if backwards else StageChange.Kind.ADVANCE
    change = _record(locked, kind=kind, to_stage=to, by=by, reason=reason)
    idea.stage, idea.stage_changed_at = locked.stage, locked.stage_changed_at
    return change


@transaction.atomic
def set_status(*, idea, by, status: str, reason: str = "") -> StageChange:
    """Pause, close or resume an idea. Pausing and closing need a reason that everyone can read."""
    locked = _locked(idea, by)
    if status == locked.status or status not in Status.values:
        raise ValidationError({"status": _("The idea already has this status.")})
    if status != Status.ACTIVE and not reason.strip():
        raise ValidationError({"reason": _("Say why, so that followers understand.")})
    kind = {Status.ACTIVE: StageChange.Kind.RESUME, Status.PAUSED: StageChange.Kind.PAUSE,
            Status.CLOSED: StageChange.Kind.CLOSE}[status]
    change = _record(locked, kind=kind, to_stage=locked.stage, by=by, reason=reason, status=status)
    idea.status = locked.status
    return change


@transaction.atomic
def plan_update(*, idea, by, goal: str, first_step: str, resources: str, municipal_partner=None,
                pilot_starts_on=None, budget_line: str = "") -> Idea:
    """Write the plan: goal, first step, resources, municipal partner, and the pilot's start and budget line."""
    require(by, "ideas.move_idea", idea, _("Only the idea's team leads, coordinators and staff can change its plan."))
    if municipal_partner is not None and municipal_partner.kind not in ("municipality", "prefecture"):
        raise ValidationError({"municipal_partner": _("Choose a municipality or the prefecture.")})
    fields = {"goal": goal.strip(), "first_step": first_step.strip(), "resources": resources.strip(),
              "municipal_partner_id": municipal_partner.pk if municipal_partner is not None else None,
              "pilot_starts_on": pilot_starts_on, "budget_line": budget_line.strip()}
    changes = diff({name: getattr(idea, name) for name in fields}, fields)
    for name, value in fields.items():
        setattr(idea, name, value)
    idea.save(update_fields=["goal", "first_step", "resources", "municipal_partner", "pilot_starts_on",
                             "budget_line", "updated_at"])
    action_record(actor=by, verb=verbs.IDEA_PLAN_UPDATED, target=idea, data=changes)
    return idea


@transaction.atomic
def adoption_add(*, idea, by, municipality, adopted_on=None, note: str = "") -> Adoption:
    """Record that another municipality took the idea up (横展開)."""
    require(by, "ideas.move_idea", idea,
            _("Only the idea's team leads, coordinators and staff can record an adoption."))
    if municipality.pk == idea.municipality_id:
        raise ValidationError({"municipality": _("Choose a municipality other than the one that proposed it.")})
    adoption, created = Adoption.objects.get_or_create(
        idea=idea, municipality=municipality,
        defaults={"adopted_on": adopted_on or timezone.localdate(), "note": note.strip(), "recorded_by": by})
    if not created:
        raise ValidationError({"municipality": _("This municipality is already recorded.")})
    action_record(actor=by, verb=verbs.IDEA_ADOPTED, target=idea,
                  data={"municipality": municipality.code, "adopted_on": adoption.adopted_on.isoformat()})
    return adoption
