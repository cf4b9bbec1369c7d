"""Services for teams: open a role, apply or invite, answer, leave."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require
from yukemuri.ideas.signals import idea_proposed
from yukemuri.topics.models import Skill

from .models import Application, RoleKind, RoleWanted, TeamMember

MANAGERS_ONLY = gettext_lazy("Only the idea's team leads, coordinators and staff can manage its team.")


@receiver(idea_proposed)
def _proposer_leads(sender, idea, **kwargs):
    if idea.author_id:
        TeamMember.objects.get_or_create(idea=idea, person_id=idea.author_id, role=RoleKind.MEMBER,
                                         defaults={"is_lead": True})


@transaction.atomic
def role_open(*, idea, by, kind: str, description: str = "", skill_names=(), count: int = 1) -> RoleWanted:
    """Say what the idea still needs: a role, the skills wanted, and how many people."""
    require(by, "teams.manage_team", idea, MANAGERS_ONLY)
    if kind not in RoleKind.values or kind == RoleKind.MEMBER:
        raise ValidationError({"kind": _("Choose a role.")})
    if count < 1 or (kind != RoleKind.VOLUNTEER and count > 5):
        raise ValidationError({"count": _("Ask for 1 to 5 people (volunteers: any number).")})
    role = RoleWanted.objects.create(idea=idea, kind=kind, description=description.strip(), count=count)
    role.skills.set(Skill.objects.get_or_create_many(skill_names))
    return role


def role_close(*, role, by) -> RoleWanted:
    require(by, "teams.manage_team", role.idea, MANAGERS_ONLY)
    if role.closed_at is None:
        role.closed_at = timezone.now()
        role.save(update_fields=["closed_at"])
    return role


def _pending(role, person):
    return Application.objects.filter(role=role, person=person, status=Application.Status.PENDING).first()


@transaction.atomic
def apply(*, role, person, message: str = "") -> Application:
    """Offer oneself for an open role; the team answers."""
    if not role.is_open:
        raise ValidationError({"role": _("This role is no longer open.")})
    if TeamMember.objects.filter(idea=role.idea, person=person, role=role.kind).exists():
        raise ValidationError({"role": _("You already have this role on the team.")})
    invited = _pending(role, person)
    if invited is not None and invited.direction == Application.Direction.INVITED:
        return answer(application=invited, by=person, accept=True)  # they were invited: applying accepts
    try:
        with transaction.atomic():
            application = Application.objects.create(role=role, person=person, message=message.strip())
    except IntegrityError:
        raise ValidationError({"role": _("You have already applied for this role.")}) from None
    action_record(actor=person, verb=verbs.TEAM_APPLIED, target=application,  # the leads hear (teams/receivers.py)
                  data={"idea": role.idea_id, "role": role.kind})
    return application


@transaction.atomic
def invite(*, role, person, by, message: str = "") -> Application:
    """Ask a person to take an open role; they answer on their page."""
    require(by, "teams.manage_team", role.idea, MANAGERS_ONLY)
    if not role.is_open:
        raise ValidationError({"role": _("This role is no longer open.")})
    if TeamMember.objects.filter(idea=role.idea, person=person, role=role.kind).exists():
        raise ValidationError({"person": _("This person already has this role.")})
    if _pending(role, person) is not None:
        raise ValidationError({"person": _("This person already has a pending application or invitation.")})
    application = Application.objects.create(role=role, person=person, message=message.strip(),
                                             direction=Application.Direction.INVITED)
    action_record(actor=by, verb=verbs.TEAM_INVITED, target=application,  # the person hears (teams/receivers.py)
                  data={"idea": role.idea_id, "role": role.kind})
    return application


@transaction.atomic
def answer(*, application, by, accept: bool) -> Application:
    """Accept or decline: the team answers an application, the invited person answers an invitation."""
    application = Application.objects.select_for_update().select_related("role__idea").get(pk=application.pk)
    role = RoleWanted.objects.select_for_update().get(pk=application.role_id)
    if application.direction == Application.Direction.APPLIED:
        require(by, "teams.manage_team", role.idea, MANAGERS_ONLY)
    else:
        require(by, "teams.answer_invitation", application, _("Only the invited person can answer this invitation."))
    if application.status != Application.Status.PENDING:
        raise ValidationError({"application": _("This has already been answered.")})
    if accept and not role.is_open:
        raise ValidationError({"application": _("This role is no longer open.")})
    application.status = Application.Status.ACCEPTED if accept else Application.Status.DECLINED
    application.decided_by, application.decided_at = by, timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    action_record(actor=by, verb=verbs.TEAM_ANSWERED, target=application,  # the applicant hears (teams/receivers.py)
                  data={"idea": role.idea_id, "role": role.kind, "direction": application.direction,
                        "old": Application.Status.PENDING, "new": application.status})
    if accept:
        member, _created = TeamMember.objects.get_or_create(idea=role.idea, person_id=application.person_id,
                                                            role=role.kind)
        action_record(actor=by, verb=verbs.TEAM_MEMBER_JOINED, target=member,
                      data={"idea": role.idea_id, "role": role.kind, "old": None, "new": role.kind,
                            "via": application.direction})
        role.filled += 1
        if role.filled >= role.count:
            role.closed_at = timezone.now()
        role.save(update_fields=["filled", "closed_at"])
    return application


def withdraw(*, application, by) -> Application:
    require(by, "teams.withdraw_application", application, _("Only the person who applied can withdraw."))
    if application.status == Application.Status.PENDING:
        application.status = Application.Status.WITHDRAWN
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at"])
    return application


def _keep_a_lead(member):
    others = TeamMember.objects.filter(idea=member.idea, is_lead=True).exclude(person_id=member.person_id)
    if member.is_lead and not others.exists():
        raise ValidationError({"member": _("An idea needs at least one team lead: make someone else lead first.")})


@transaction.atomic
def member_remove(*, member, by) -> None:
    """A member leaves, or a manager removes them. Their role opens again for someone else."""
    require(by, "teams.remove_member", member, MANAGERS_ONLY)
    if not TeamMember.objects.filter(idea=member.idea, person_id=member.person_id).exclude(pk=member.pk).exists():
        _keep_a_lead(member)
    action_record(actor=by, verb=verbs.TEAM_MEMBER_REMOVED, target=member,
                  data={"idea": member.idea_id, "role": member.role, "old": member.role, "new": None,
                        "was_lead": member.is_lead})
    member.delete()
    role = (RoleWanted.objects.select_for_update().filter(idea=member.idea, kind=member.role, filled__gt=0)
            .order_by("-opened_at").first())
    if role is not None:
        role.filled -= 1
        role.closed_at = None
        role.save(update_fields=["filled", "closed_at"])


@transaction.atomic
def member_lead(*, member, by, lead: bool) -> TeamMember:
    require(by, "teams.manage_team", member.idea, MANAGERS_ONLY)
    if not lead:
        _keep_a_lead(member)
    action_record(actor=by, verb=verbs.TEAM_LEAD_CHANGED, target=member,
                  data={"idea": member.idea_id, "role": member.role, "old": member.is_lead, "new": lead})
    member.is_lead = lead
    member.save(update_fields=["is_lead"])
    return member


@transaction.atomic
def join_by_suggestion(*, role, person) -> TeamMember:
    """A person accepted the platform's suggestion for an open role: they join, and the leads are told.
    The role was asked for in public, so the suggestion stands for the team's invitation."""
    role = RoleWanted.objects.select_for_update().select_related("idea").get(pk=role.pk)
    if not role.is_open:
        raise ValidationError({"role": _("This role is no longer open.")})
    member, created = TeamMember.objects.get_or_create(idea=role.idea, person=person, role=role.kind)
    if created:
        action_record(actor=person, verb=verbs.TEAM_MEMBER_JOINED, target=member,
                      data={"idea": role.idea_id, "role": role.kind, "old": None, "new": role.kind, "via": "matching"})
        role.filled += 1
        if role.filled >= role.count:
            role.closed_at = timezone.now()
        role.save(update_fields=["filled", "closed_at"])
        Application.objects.filter(role=role, person=person, status=Application.Status.PENDING).update(
            status=Application.Status.ACCEPTED, decided_at=timezone.now())
    return member  # the leads hear of it after commit (teams/receivers.py)


@transaction.atomic
def member_add(*, idea, person, by, via: str) -> TeamMember:
    """A team lead (or staff) puts a person on the team directly, e.g. the company whose proposal to a call
    became the idea (calls). Idempotent: a person already on the team as a member is left as they are."""
    require(by, "teams.manage_team", idea, MANAGERS_ONLY)
    member, created = TeamMember.objects.get_or_create(idea=idea, person=person, role=RoleKind.MEMBER)
    if created:
        action_record(actor=by, verb=verbs.TEAM_MEMBER_JOINED, target=member,
                      data={"idea": idea.pk, "role": RoleKind.MEMBER, "old": None, "new": RoleKind.MEMBER, "via": via})
    return member
