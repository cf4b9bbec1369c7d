"""Reads of communities for their pages, the API and other apps, already joined for what the pages show."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from yukemuri.actions import verbs
from yukemuri.actions.selectors import history_of
from yukemuri.core.models import Visibility

from . import linked
from .models import Announcement, Community, JoinRequest, LinkKind, Member, Role, ThreadPost

ACTIVITY_VERBS = [verbs.COMMUNITY_CREATED, verbs.COMMUNITY_JOINED, verbs.COMMUNITY_LEFT, verbs.COMMUNITY_ROLE_CHANGED,
                  verbs.COMMUNITY_HANDED_OVER, verbs.COMMUNITY_POST_LINKED, verbs.COMMUNITY_UPDATED]
PERSON_VERBS = {verbs.COMMUNITY_JOINED, verbs.COMMUNITY_LEFT}
ACTIVITY_LENGTH = 20


def community_list():
    """Every community with its member count, for the list and the API."""
    return (Community.objects.select_related("area", "municipality", "theme")
            .annotate(member_count=Count("members", distinct=True)).order_by("name", "id"))


def filter_communities(queryset, data: dict):
    """Apply the list's cleaned filters (CommunityFilterForm): an area (a community of the area, or of one of its
    municipalities), a municipality, a theme, a word."""
    if data.get("area"):
        queryset = queryset.filter(Q(area=data["area"]) | Q(municipality__area=data["area"]))
    if data.get("municipality"):
        queryset = queryset.filter(municipality=data["municipality"])
    if data.get("theme"):
        queryset = queryset.filter(theme__name__iexact=data["theme"])
    if data.get("q"):
        queryset = queryset.filter(Q(name__icontains=data["q"]) | Q(description__icontains=data["q"]))
    return queryset


def community_by_id(pk: int):
    return community_list().filter(pk=pk).first()


def member_of(community, person) -> Member | None:
    if not person.is_authenticated:
        return None
    return Member.objects.filter(community=community, person=person).first()


def waiting_request(community, person) -> JoinRequest | None:
    if not person.is_authenticated:
        return None
    return JoinRequest.objects.filter(community=community, person=person, status=JoinRequest.Status.PENDING).first()


def members(community):
    """Everyone in the community, organisers first (for its organisers' page)."""
    return (Member.objects.filter(community=community).select_related("person")
            .order_by("-role", "joined_at", "id"))  # "organiser" sorts after "member": descending puts it first


def listed_members(community):
    """The members who agreed to be named, organisers first; the others are only counted."""
    return members(community).filter(listed=True, person__is_active=True)


def organiser_count(community) -> int:
    return Member.objects.filter(community=community, role=Role.ORGANISER).count()


def waiting_requests(community):
    return (JoinRequest.objects.filter(community=community, status=JoinRequest.Status.PENDING)
            .select_related("person").order_by("created_at", "id"))


def links(community):
    return community.links.all()


def linked_posts(community) -> list[linked.Shown]:
    """The linked posts anyone may read, newest link first."""
    return linked.shown(links(community))


def announcements(community):
    return Announcement.objects.filter(community=community).select_related("author")


def thread(community, viewer):
    """The thread's published posts, and the viewer's own posts waiting for review (marked so on the page)."""
    shown = Q(visibility=Visibility.PUBLISHED)
    if viewer.is_authenticated:
        shown |= Q(author=viewer, visibility=Visibility.HELD)
    return ThreadPost.objects.filter(community=community).filter(shown).select_related("author")


def thread_post_by_id(pk: int):
    return ThreadPost.objects.select_related("community").filter(pk=pk).first()


def communities_of(person):
    """The communities a person is in, for their own pages."""
    if not person.is_authenticated:
        return Community.objects.none()
    return community_list().filter(members__person=person)


@dataclass(frozen=True)
class Happening:
    when: datetime
    label: str  # a verb's label, or the kind of a linked post
    who: str = ""  # a member who agreed to be named, else nobody
    title: str = ""
    url: str = ""


def activity(community, limit: int = ACTIVITY_LENGTH, *, listed=None, posts=None) -> list[Happening]:
    """What happened, newest first: the community's public actions (joins, roles, links) and the dates of its
    linked posts. Only members who agreed to be listed are named. A page that has read `listed_members` and
    `linked_posts` already passes them in (each reads several tables)."""
    named = {m.person_id: m.person.display_name for m in (listed_members(community) if listed is None else listed)}
    posts = linked_posts(community) if posts is None else posts
    by_key = {(post.kind, post.id): post for post in posts}
    happened = []
    for action in history_of(community, ACTIVITY_VERBS).order_by("-created_at", "-id")[:limit]:
        post = by_key.get((action.data.get("kind"), action.data.get("id")))
        if action.verb == verbs.COMMUNITY_POST_LINKED and post is None:
            continue  # the post is gone or hidden since
        # A join or a leave names the person who joined (an organiser may have approved it), else who acted.
        who = action.data.get("person", action.actor_id) if action.verb in PERSON_VERBS else action.actor_id
        happened.append(Happening(action.created_at, verbs.get(action.verb).label, named.get(who, ""),
                                  post.title if post else "", post.url if post else ""))
    happened += [Happening(post.date, LinkKind(post.kind).label, "", post.title, post.url)
                 for post in posts if post.date is not None]
    return sorted(happened, key=lambda h: h.when, reverse=True)[:limit]
