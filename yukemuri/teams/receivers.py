"""Teams listen to the action stream: the notices of applications, invitations, answers and joins are sent by
receivers that run only after the action's transaction committed, so a rolled-back change tells no one
(docs/decisions/0009-action-stream.md)."""

from django.db import transaction
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_noop

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed
from yukemuri.notifications.models import NoticeKind
from yukemuri.notifications.services import notify

from .models import Application, RoleKind, TeamMember
from .selectors import team_of

APPLIED = gettext_noop("%(name)s applied to be %(role_label)s for “%(title)s”.")
INVITED = gettext_noop("You are invited to be %(role_label)s for “%(title)s”.")
ACCEPTED = gettext_noop("You are on the team of “%(title)s” as %(role_label)s.")
DECLINED = gettext_noop("The team of “%(title)s” answered no to your application as %(role_label)s.")
JOINED_BY_SUGGESTION = gettext_noop("%(name)s joined “%(title)s” as %(role_label)s, suggested by matching.")


def _msgid(kind) -> str:
    with translation.override(None):  # the label's msgid: each reader gets it in their language
        return str(RoleKind(kind).label)


def _leads(idea):
    return [m.person for m in team_of(idea) if m.is_lead]


def _application(action):
    return Application.objects.select_related("role__idea", "person").filter(pk=action.target_id).first()


def _applied(action):
    application = _application(action)
    if application is not None:
        idea = application.role.idea
        notify(_leads(idea), kind=NoticeKind.TEAMS, message=APPLIED, url=f"{idea.get_absolute_url()}team/",
               params={"name": application.person.display_name, "role_label": _msgid(application.role.kind),
                       "title": idea.title})


def _invited(action):
    application = _application(action)
    if application is not None:
        notify([application.person], kind=NoticeKind.TEAMS, message=INVITED, url="/me/applications/",
               params={"role_label": _msgid(application.role.kind), "title": application.role.idea.title})


def _answered(action):
    """An applicant hears the team's answer (an invited person answered themselves: no notice)."""
    if action.data.get("direction") != Application.Direction.APPLIED:
        return
    application = _application(action)
    if application is not None:
        idea = application.role.idea
        accepted = action.data.get("new") == Application.Status.ACCEPTED
        notify([application.person], kind=NoticeKind.TEAMS, message=ACCEPTED if accepted else DECLINED,
               url=f"{idea.get_absolute_url()}team/",
               params={"title": idea.title, "role_label": _msgid(application.role.kind)})


def _joined(action):
    """The leads hear of a person who joined on the platform's suggestion (other joins were answers)."""
    if action.data.get("via") != "matching":
        return
    member = TeamMember.objects.select_related("idea", "person").filter(pk=action.target_id).first()
    if member is not None:
        notify(_leads(member.idea), kind=NoticeKind.TEAMS, message=JOINED_BY_SUGGESTION,
               url=f"{member.idea.get_absolute_url()}team/",
               params={"name": member.person.display_name, "role_label": _msgid(member.role),
                       "title": member.idea.title})


TELL = {verbs.TEAM_APPLIED: _applied, verbs.TEAM_INVITED: _invited, verbs.TEAM_ANSWERED: _answered,
        verbs.TEAM_MEMBER_JOINED: _joined}


@receiver(action_committed, dispatch_uid="teams-tell")
def tell(sender, action, verb, **kwargs):
    tell_them = TELL.get(verb.name)
    if tell_them is not None:
        with transaction.atomic():
            tell_them(action)
