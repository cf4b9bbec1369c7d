"""Reads about teams and the roles ideas still need."""

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Application, RoleKind, RoleWanted, TeamMember


@dataclass(frozen=True)
class TeamFacts:
    size: int  # distinct people
    has_key_person: bool
    lead_ids: frozenset[int]


def facts_of(members) -> TeamFacts:
    """Facts of one team from its (person id, role, is lead) rows or TeamMember objects."""
    rows = [(m.person_id, m.role, m.is_lead) if isinstance(m, TeamMember) else m for m in members]
    return TeamFacts(
        size=len({person for person, _role, _lead in rows}),
        has_key_person=any(role == RoleKind.KEY_PERSON for _person, role, _lead in rows),
        lead_ids=frozenset(person for person, _role, lead in rows if lead),
    )


def team_facts_by_idea(idea_ids) -> dict[int, TeamFacts]:
    rows: dict[int, list] = {}
    for idea_id, person, role, lead in TeamMember.objects.filter(idea_id__in=idea_ids).values_list(
            "idea_id", "person_id", "role", "is_lead"):
        rows.setdefault(idea_id, []).append((person, role, lead))
    return {idea_id: facts_of(members) for idea_id, members in rows.items()}


def is_lead(person, idea) -> bool:
    return bool(person and person.is_authenticated
                and TeamMember.objects.filter(idea=idea, person=person, is_lead=True).exists())


def is_member(person, idea) -> bool:
    return bool(person and person.is_authenticated and TeamMember.objects.filter(idea=idea, person=person).exists())


def team_of(idea):
    return TeamMember.objects.filter(idea=idea).select_related("person").order_by("-is_lead", "joined_at", "id")


def open_roles(idea):
    return RoleWanted.objects.filter(idea=idea, closed_at__isnull=True).prefetch_related("skills")


def roles_with_applications(idea):
    """Every role of the idea, open first, with its pending applications (for the team page)."""
    pending = Application.objects.filter(status=Application.Status.PENDING).select_related("person")
    return (RoleWanted.objects.filter(idea=idea).prefetch_related("skills", Prefetch("applications", pending,
                                                                                        to_attr="pending"))
            .order_by("closed_at", "opened_at", "id"))


def open_roles_by_idea(idea_ids) -> dict[int, list[RoleWanted]]:
    """Open roles of many ideas at once (accountability table, coordinator dashboard)."""
    result: dict[int, list[RoleWanted]] = {}
    for role in RoleWanted.objects.filter(idea_id__in=idea_ids, closed_at__isnull=True).prefetch_related("skills"):
        result.setdefault(role.idea_id, []).append(role)
    return result


def applications_of(person):
    return (Application.objects.filter(person=person).select_related("role__idea")
            .order_by("-created_at", "-id"))



def key_person_wanted_before(cutoff, ideas):
    """Open key-person roles of `ideas` opened before `cutoff`, with the idea and the skills wanted."""
    return (RoleWanted.objects.filter(kind=RoleKind.KEY_PERSON, closed_at__isnull=True, opened_at__lte=cutoff,
                                      idea__in=ideas).select_related("idea__area").prefetch_related("skills"))


def member_ids(idea) -> list[int]:
    return list(TeamMember.objects.filter(idea=idea).values_list("person_id", flat=True))


def member_person_ids(person_ids) -> set[int]:
    """Which of these people are on any team."""
    return set(TeamMember.objects.filter(person_id__in=person_ids).values_list("person_id", flat=True))


def open_roles_with_ideas():
    """Every open role of a published, active idea, with what an opening needs to know of it."""
    return (RoleWanted.objects.filter(closed_at__isnull=True, idea__visibility="published", idea__status="active")
            .select_related("idea__municipality").prefetch_related("skills", "idea__sdgs"))


def member_ids_by_idea(idea_ids) -> dict[int, set[int]]:
    result: dict[int, set[int]] = {}
    for idea_id, person_id in TeamMember.objects.filter(idea_id__in=idea_ids).values_list("idea_id", "person_id"):
        result.setdefault(idea_id, set()).add(person_id)
    return result


def partnerships_formed(*, kinds: tuple[frozenset, frozenset]) -> list[tuple[int, str, object]]:
    """(idea id, area name, when) of each published idea whose side brings an organisation of each group of
    `kinds` (e.g. a company and a school): the organisation it was posted on behalf of (from when it was posted)
    and the organisations its team members belong to (from when both the membership and the place on the team
    began). `when` is the moment the last group joined: 企業等と地域・学校との連携 of kpi."""
    from yukemuri.ideas.selectors import published_with_organisation
    from yukemuri.organisations.selectors import memberships_of

    members = list(TeamMember.objects.values_list("idea_id", "person_id", "joined_at"))
    orgs = memberships_of({person for _idea, person, _at in members})
    ideas = published_with_organisation({idea for idea, _p, _at in members})
    brought: dict[int, list] = {}  # idea → [(kind, since)]
    for idea, person, joined in members:
        brought.setdefault(idea, []).extend((kind, max(joined, since)) for kind, since in orgs.get(person, ()))
    found = []
    for idea, (own_kind, posted, area) in ideas.items():
        offers = brought.get(idea, []) + ([(own_kind, posted)] if own_kind else [])
        firsts = [min((at for kind, at in offers if kind in group), default=None) for group in kinds]
        if all(at is not None for at in firsts):
            found.append((idea, area, max(firsts)))
    return sorted(found, key=lambda row: (row[2], row[0]))
