"""Communities listen to the action stream: announcements, requests to join and their answers are told only once
their transaction committed, so a rolled-back change tells no one (docs/decisions/0009-action-stream.md)."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_noop

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed
from yukemuri.notifications.models import NoticeKind
from yukemuri.notifications.services import notify

from .models import Announcement, Community, JoinRequest, Member, Role

ANNOUNCED = gettext_noop("%(community)s: %(title)s")
REQUESTED = gettext_noop("%(name)s asked to join %(community)s.")
APPROVED = gettext_noop("You are now a member of %(community)s.")
DECLINED = gettext_noop("The organisers of %(community)s answered no to your request to join.")


def _community(action):
    return Community.objects.filter(pk=action.target_id).first()


def _members(community, *, role=None, but=None):
    places = Member.objects.filter(community=community, person__is_active=True).select_related("person")
    if role:
        places = places.filter(role=role)
    return [place.person for place in places if place.person_id != but]


@receiver(action_committed, dispatch_uid="communities-notices")
def tell(sender, action, verb, **kwargs):
    if not action.verb.startswith("community."):
        return
    community = _community(action)
    if community is None:
        return
    page = reverse("community_detail", args=[community.pk])
    if action.verb == verbs.COMMUNITY_ANNOUNCED:
        announcement = Announcement.objects.filter(pk=action.data.get("announcement")).first()
        if announcement is not None:
            notify(_members(community, but=announcement.author_id), kind=NoticeKind.COMMUNITIES, message=ANNOUNCED,
                   params={"community": community.name, "title": announcement.title},
                   url=f"{page}#announcement-{announcement.pk}")
    elif action.verb == verbs.COMMUNITY_JOIN_REQUESTED:
        request = JoinRequest.objects.select_related("person").filter(pk=action.data.get("request")).first()
        if request is not None:
            notify(_members(community, role=Role.ORGANISER), kind=NoticeKind.COMMUNITIES, message=REQUESTED,
                   params={"name": request.person.display_name, "community": community.name},
                   url=reverse("community_manage", args=[community.pk]))
    elif action.verb == verbs.COMMUNITY_REQUEST_DECIDED:
        request = JoinRequest.objects.select_related("person").filter(pk=action.data.get("request")).first()
        if request is not None:
            approved = request.status == JoinRequest.Status.APPROVED
            notify([request.person], kind=NoticeKind.COMMUNITIES, message=APPROVED if approved else DECLINED,
                   params={"community": community.name}, url=page)
