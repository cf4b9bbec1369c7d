"""Team pages: members and roles, apply, invite, answer, leave. The rules are in services.py."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import allowed, require
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import attempt, safe_next, submit_form
from yukemuri.ideas.selectors import idea_detail
from yukemuri.people.models import User

from . import selectors, services
from .forms import InviteForm, RoleForm
from .models import Application, RoleWanted, TeamMember


def _idea(request, pk):
    idea = idea_detail(pk, request.user)
    if idea is None:
        raise Http404(_("No such idea."))
    return idea


def _manages(request, pk) -> bool:
    """A team lead, coordinator or staff member managing this idea's team: not counted by the rate limits."""
    from yukemuri.ideas.models import Idea

    return allowed(request.user, "teams.manage_team", Idea.objects.filter(pk=pk).first())


def _manages_role(request, pk) -> bool:
    role = RoleWanted.objects.filter(pk=pk).only("idea_id").first()
    return role is not None and _manages(request, role.idea_id)


def _managed(request, pk):
    idea = _idea(request, pk)
    require(request.user, "teams.manage_team", idea, services.MANAGERS_ONLY)
    return idea


def team(request, pk, role_form=None, invite_form=None):
    idea = _idea(request, pk)
    manager = allowed(request.user, "teams.manage_team", idea)
    roles = list(selectors.roles_with_applications(idea))
    open_roles = selectors.open_roles(idea)
    return render(request, "teams/team.html", {
        "idea": idea,
        "members": list(selectors.team_of(idea)),
        "roles": roles,
        "manager": manager,
        "role_form": role_form or RoleForm(),
        "invite_form": invite_form or InviteForm(roles=open_roles),
    }, status=400 if role_form or invite_form else 200)


@require_POST
@login_required
@limit("steer", form=True, exempt=lambda request, pk: _manages(request, pk))
def role_new(request, pk):
    idea = _managed(request, pk)
    form = RoleForm(request.POST)
    return submit_form(request, form, partial(services.role_open, idea=idea, by=request.user),
                       success=_("The role is open: people can now offer to take it."),
                       to=reverse("team", args=[idea.pk]), page=lambda: team(request, pk, role_form=form))


@require_POST
@login_required
def role_close(request, pk):
    role = get_object_or_404(RoleWanted.objects.select_related("idea"), pk=pk)
    services.role_close(role=role, by=request.user)
    messages.info(request, _("The role is closed."))
    return redirect("team", pk=role.idea_id)


@require_POST
@login_required
@limit("steer", form=True, exempt=lambda request, pk: _manages(request, pk))
def invite(request, pk):
    idea = _managed(request, pk)
    form = InviteForm(request.POST, roles=selectors.open_roles(idea))

    def send(role, email, message):
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError({"email": _("No one with this address has an account. Ask them to sign up first.")})
        return services.invite(role=role, person=person, by=request.user, message=message)

    return submit_form(request, form, send, success=_("The invitation is sent."), to=reverse("team", args=[idea.pk]),
                       page=lambda: team(request, pk, invite_form=form))


@require_POST
@login_required
@limit("steer", exempt=lambda request, pk, person: _manages_role(request, pk))
def invite_person(request, pk, person):
    """Invite a suggested person straight from the coordinator's list."""
    role = get_object_or_404(RoleWanted.objects.select_related("idea"), pk=pk)
    invitee = get_object_or_404(User, pk=person, is_active=True)
    attempt(request, lambda: services.invite(role=role, person=invitee, by=request.user), _("The invitation is sent."))
    return redirect(safe_next(request, reverse("team", args=[role.idea_id])))


@require_POST
@login_required
@limit("support")
def role_apply(request, pk):
    role = get_object_or_404(RoleWanted.objects.select_related("idea"), pk=pk)
    if idea_detail(role.idea_id, request.user) is None:
        raise Http404(_("No such idea."))
    attempt(request, lambda: services.apply(role=role, person=request.user, message=request.POST.get("message", "")[:2000]),
            _("Thank you! The team will answer you; you will find the answer on your page."))
    return redirect(role.idea.get_absolute_url() + f"#role-{role.pk}")


@require_POST
@login_required
def answer(request, pk):
    application = get_object_or_404(Application.objects.select_related("role__idea"), pk=pk)
    accept = request.POST.get("accept") == "1"
    attempt(request, lambda: services.answer(application=application, by=request.user, accept=accept),
            _("Accepted: welcome to the team.") if accept else _("Declined."))
    if application.direction == Application.Direction.INVITED:
        return redirect("my_applications")
    return redirect("team", pk=application.role.idea_id)


@require_POST
@login_required
def withdraw(request, pk):
    application = get_object_or_404(Application, pk=pk)
    services.withdraw(application=application, by=request.user)
    messages.info(request, _("Your application is withdrawn."))
    return redirect("my_applications")


@require_POST
@login_required
def member_remove(request, pk):
    member = get_object_or_404(TeamMember.objects.select_related("idea"), pk=pk)
    attempt(request, lambda: services.member_remove(member=member, by=request.user), _("The member left the team."),
            level=messages.INFO)
    return redirect("team", pk=member.idea_id)


@require_POST
@login_required
def member_lead(request, pk):
    member = get_object_or_404(TeamMember.objects.select_related("idea"), pk=pk)
    attempt(request, lambda: services.member_lead(member=member, by=request.user, lead=request.POST.get("lead") == "1"))
    return redirect("team", pk=member.idea_id)


@login_required
def my_applications(request):
    return render(request, "teams/my_applications.html", {
        "applications": list(selectors.applications_of(request.user)),
        "memberships": list(TeamMember.objects.filter(person=request.user).select_related("idea")),
    })

