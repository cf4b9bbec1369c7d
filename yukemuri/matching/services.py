"""Matching services: keep openings in step with the roles and briefs they mirror, run the engine,
and answer suggestions. Declined suggestions are never offered again; "not now" ones rest 30 days."""

from datetime import timedelta

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require
from yukemuri.issues.selectors import open_creator_briefs
from yukemuri.teams.selectors import member_ids_by_idea, open_roles_with_ideas
from yukemuri.teams.services import join_by_suggestion

from . import engine
from .models import Opening, Suggestion, VolunteerDay, VolunteerTask
from .pool import consenting_people, engine_openings, engine_people

REST_AFTER_NOT_NOW = timedelta(days=30)


def weights() -> engine.Weights:
    return engine.Weights(**settings.YUKEMURI["MATCHING_WEIGHTS"])


def fairness() -> engine.Fairness:
    return engine.Fairness(**settings.YUKEMURI["MATCHING_FAIRNESS"])


@transaction.atomic
def refresh_openings() -> int:
    """Mirror every open role and creator brief as an opening; close openings whose source closed."""
    seen = set()
    for role in open_roles_with_ideas():
        idea = role.idea
        opening, _created = Opening.objects.update_or_create(role=role, defaults={
            "kind": Opening.Kind.ROLE, "title": f"{idea.title} — {role.get_kind_display()}",
            "url": f"{idea.get_absolute_url()}#role-{role.pk}", "municipality": idea.municipality,
            "sdgs": sorted(goal.number for goal in idea.sdgs.all()), "count": role.places_left, "is_open": True})
        opening.skills_preferred.set(role.skills.all())
        seen.add(opening.pk)
    for brief in open_creator_briefs():
        issue = brief.issue
        opening, _created = Opening.objects.update_or_create(brief=brief, defaults={
            "kind": Opening.Kind.CREATOR, "title": issue.title, "url": issue.get_absolute_url(),
            "municipality": issue.municipality, "creator_kinds": list(brief.kinds), "count": 3, "is_open": True,
            "sdgs": sorted(goal.number for goal in issue.sdgs.all())})
        seen.add(opening.pk)
    mirrored = Opening.objects.filter(is_open=True, kind__in=[Opening.Kind.ROLE, Opening.Kind.CREATOR])
    mirrored.exclude(pk__in=seen).update(is_open=False)
    return len(seen)


def _held(person_ids=None):
    """Commitments each person holds now: accepted suggestions of open openings and unanswered offers."""
    held = {}
    rows = Suggestion.objects.filter(status__in=[Suggestion.Status.OFFERED, Suggestion.Status.ACCEPTED],
                                     opening__is_open=True)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    for person_id in rows.values_list("person_id", flat=True):
        held[person_id] = held.get(person_id, 0) + 1
    return held


def _excluded_pairs(openings):
    """(person, opening) pairs never to suggest: answered no, resting, already suggested, or already on
    the idea's team."""
    rest = timezone.now() - REST_AFTER_NOT_NOW
    rows = Suggestion.objects.exclude(status=Suggestion.Status.LATER, answered_at__lt=rest)
    pairs = set(rows.values_list("person_id", "opening_id"))
    roles = [(o.pk, o.role.idea_id) for o in openings if o.role_id]
    teams = member_ids_by_idea([idea_id for _pk, idea_id in roles])
    pairs |= {(person_id, pk) for pk, idea_id in roles for person_id in teams.get(idea_id, ())}
    return pairs


@transaction.atomic
def suggest(*, openings=None, k: int = 30, seed: int = 0) -> list[Suggestion]:
    """Run the engine over open openings and offer the best fair assignment as suggestions."""
    refresh_openings()
    openings = list((openings if openings is not None else Opening.objects.filter(is_open=True)).select_related("role"))
    excluded = _excluded_pairs(openings)
    people = consenting_people()
    if not openings:
        return []
    chosen = solve(engine_people(people, busy=_held()), engine_openings(openings), excluded=excluded, k=k, seed=seed)
    made = []
    for person_id, opening_id, scored in chosen:
        made.append(Suggestion.objects.create(opening_id=opening_id, person_id=person_id, score=scored.total,
                                              why=[c.as_dict() for c in scored.why()]))
    _tell_suggested(made)
    return made


def solve(people, openings, *, excluded=frozenset(), k: int = 30, seed: int = 0) -> list[tuple]:
    """The engine's candidate graph without the excluded (person id, opening id) pairs, solved exactly as a
    min-cost flow with the operator's fairness; (person id, opening id, Score) for each suggestion."""
    if not people or not openings:
        return []
    w, f = weights(), fairness()
    graph = engine.candidates(people, openings, k=k, weights=w, seed=seed, fairness=f)
    keep = np.fromiter(((people[i].id, openings[j].id) not in excluded
                        for i, j in zip(graph.person.tolist(), graph.opening.tolist(), strict=True)),
                       dtype=bool, count=len(graph))
    solution = engine.solve_edges([p.capacity for p in people], [o.count for o in openings], graph.person[keep],
                                  graph.opening[keep], graph.score[keep], newcomer=[p.newcomer for p in people],
                                  fairness=f)
    rows = zip(graph.person[keep][solution.chosen].tolist(), graph.opening[keep][solution.chosen].tolist(), strict=True)
    return [(people[i].id, openings[j].id, engine.score(people[i], openings[j], w)) for i, j in rows]


def candidates(opening, *, limit: int = 10, pool=None):
    """The best people for one opening, with their reasons (for its team or a coordinator), no assignment.
    `pool` is the engine's people when the caller ranks several openings (read once). Reads only: a
    role's opening is ranked as the role is now (selectors.role_target), even if its mirror is stale."""
    from .selectors import role_target

    opening = Opening.objects.select_related("role__idea__municipality").get(pk=opening.pk)
    target = role_target(opening.role, opening.pk) if opening.role_id else engine_openings([opening])[0]
    declined = set(Suggestion.objects.filter(opening=opening, status=Suggestion.Status.DECLINED)
                   .values_list("person_id", flat=True))
    if opening.role_id:
        declined |= member_ids_by_idea([opening.role.idea_id]).get(opening.role.idea_id, set())
    return rank(engine_people() if pool is None else pool, target, excluded=declined, limit=limit)


def rank(people, target, *, excluded=frozenset(), limit: int = 10) -> list[tuple]:
    """(score, person id, Score) of the best `limit` engine people for one engine opening, none of `excluded`.
    Pure: no database."""
    if not people:
        return []
    w = weights()
    graph = engine.candidates(people, [target], k=limit + len(excluded), weights=w, pool_limit=None)
    ranked = []
    for row, total in zip(graph.person.tolist(), graph.score.tolist(), strict=True):
        person = people[row]
        if person.id not in excluded and total > 0:
            ranked.append((total, person.id, engine.score(person, target, w)))
    return ranked[:limit]


@transaction.atomic
def answer(*, suggestion, by, status: str) -> Suggestion:
    """The person answers a suggestion: accept (they join / take the task), decline (never again), not now."""
    if by.pk != suggestion.person_id:
        raise PermissionDenied(_("Only the person it was suggested to can answer."))
    if status not in (Suggestion.Status.ACCEPTED, Suggestion.Status.DECLINED, Suggestion.Status.LATER):
        raise ValidationError({"status": _("Choose accept, decline or not now.")})
    suggestion = (Suggestion.objects.select_for_update(of=("self",))
                  .select_related("opening__role", "opening__brief", "opening__task__day").get(pk=suggestion.pk))
    if suggestion.status != Suggestion.Status.OFFERED:
        raise ValidationError({"status": _("You have already answered this suggestion.")})
    if status == Suggestion.Status.ACCEPTED:
        opening = suggestion.opening
        if not opening.is_open:
            raise ValidationError({"status": _("This is no longer open.")})
        if opening.role_id:
            join_by_suggestion(role=opening.role, person=by)
    old = suggestion.status
    suggestion.status, suggestion.answered_at = status, timezone.now()
    suggestion.save(update_fields=["status", "answered_at"])
    # Whoever asked hears of a yes after commit (matching/receivers.py); a team role's join tells the leads itself.
    action_record(actor=by, verb=verbs.MATCH_ANSWERED, target=suggestion,
                  data={"opening": suggestion.opening_id, "old": old, "new": status})
    return suggestion


def _tell_suggested(suggestions):
    """One action per person suggested, naming their new openings: they hear of them after commit."""
    from yukemuri.people.models import User

    by_person: dict[int, list] = {}
    for suggestion in suggestions:
        by_person.setdefault(suggestion.person_id, []).append(suggestion.opening_id)
    for person in User.objects.filter(pk__in=list(by_person)).order_by("pk"):
        action_record(actor=None, verb=verbs.MATCH_SUGGESTED, target=person, data={"openings": by_person[person.pk]})


@transaction.atomic
def volunteer_day_create(*, by, title: str, description: str, date, municipality, place: str, tasks) -> VolunteerDay:
    """A volunteer day with its tasks; each task becomes an opening for helpers."""
    from yukemuri.topics.models import Skill

    require(by, "matching.run_matching", None, _("Only coordinators and staff organise volunteer days."))
    day = VolunteerDay.objects.create(title=title.strip(), description=description.strip(), date=date,
                                      municipality=municipality, place=place.strip(), created_by=by)
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[date.weekday()]
    for item in tasks:
        task = VolunteerTask.objects.create(day=day, title=item["title"], helpers=item["helpers"], part=item["part"])
        skills = Skill.objects.get_or_create_many(item["skills"])
        task.skills.set(skills)
        opening = Opening.objects.create(kind=Opening.Kind.VOLUNTEER, task=task, title=f"{day.title} — {task.title}",
                                         url=f"/matching/days/{day.pk}/", municipality=municipality,
                                         count=task.helpers, slots=[f"{weekday}-{task.part}"])
        opening.skills_preferred.set(skills)
    return day


@transaction.atomic
def consultation_open(*, by, title: str, description: str = "", skills_required=(), skills_preferred=(),
                      municipality=None, online: bool = False, language: str = "", count: int = 1,
                      creator_kinds=()) -> Opening:
    """相談 — a coordinator's call for people to consult, matched like any other opening; `creator_kinds` limits it
    to creators of those kinds (as a creator brief does)."""
    from yukemuri.topics.models import Skill

    require(by, "matching.run_matching", None, _("Only coordinators and staff run the matching."))
    opening = Opening.objects.create(kind=Opening.Kind.CONSULTATION, title=title.strip(), description=description.strip(),
                                     municipality=None if online else municipality, online=online, language=language,
                                     count=count, created_by=by, creator_kinds=list(creator_kinds))
    opening.skills_required.set(Skill.objects.get_or_create_many(skills_required))
    opening.skills_preferred.set(Skill.objects.get_or_create_many(
        [s for s in skills_preferred if s not in set(skills_required)]))
    opening.url = f"/matching/openings/{opening.pk}/candidates/"
    opening.save(update_fields=["url"])
    return opening


def assign_day(*, day, by, seed: int = 0) -> list[Suggestion]:
    """The batch run of a volunteer day: N helpers to M tasks, fairly, as suggestions they answer."""
    require(by, "matching.run_matching", None, _("Only coordinators and staff run the matching."))
    openings = Opening.objects.filter(task__day=day, is_open=True)
    return suggest(openings=openings, seed=seed)


@transaction.atomic
def opening_mirror(*, title: str, url: str, municipality, online: bool, count: int, slots=(), skills=(),
                   created_by=None, opening=None) -> Opening:
    """A volunteer opening kept in step by another app (a help request's slot): the caller has checked who may
    ask for helpers (help.manage), so no matching permission is asked here. `opening` is the one to update."""
    values = {"kind": Opening.Kind.VOLUNTEER, "title": title[:200], "url": url, "online": online,
              "municipality": None if online else municipality, "count": max(count, 1), "slots": list(slots),
              "is_open": count > 0}
    if opening is None:
        opening = Opening.objects.create(created_by=created_by, **values)
    else:
        Opening.objects.filter(pk=opening.pk).update(**values)
        opening.refresh_from_db()
    opening.skills_preferred.set(skills)
    return opening


@transaction.atomic
def offer(*, opening: Opening, person_id: int, reasons_from=None) -> Suggestion:
    """Whoever runs an opening invites one ranked person (not someone declined): a suggestion they answer,
    told after commit like any other. Offering twice changes nothing."""
    ranked = {pid: scored for _total, pid, scored in (reasons_from if reasons_from is not None else
                                                       candidates(opening, limit=50))}
    existing = Suggestion.objects.filter(opening=opening, person_id=person_id).first()
    if existing is not None:
        return existing
    if person_id not in ranked:
        raise ValidationError(_("This person is not among the suggested people."))
    scored = ranked[person_id]
    suggestion = Suggestion.objects.create(opening=opening, person_id=person_id, score=scored.total,
                                           why=[c.as_dict() for c in scored.why()])
    _tell_suggested([suggestion])
    return suggestion


@transaction.atomic
def pass_over(*, opening: Opening, person_id: int) -> Suggestion:
    """Whoever runs an opening declines a suggested person: they are not suggested for it again."""
    from yukemuri.people.models import User

    if not User.objects.filter(pk=person_id).exists():
        raise ValidationError(_("This person is not among the suggested people."))
    suggestion, _created = Suggestion.objects.get_or_create(
        opening=opening, person_id=person_id, defaults={"score": 0, "why": [], "status": Suggestion.Status.DECLINED,
                                                        "answered_at": timezone.now()})
    return suggestion
