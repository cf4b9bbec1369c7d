"""Writes of communities (コミュニティ), each one transaction recording its action (docs/decisions/0033).

Every change to who is in a community locks the community's row first, so two requests at once are taken one after
the other: a double join is one member, two requests to join are one request, and the last organiser can neither
leave nor be made a plain member, however the requests interleave.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require
from yukemuri.moderation import services as moderation
from yukemuri.topics.models import Theme

from . import linked
from .models import Announcement, Community, JoinRequest, LinkedPost, Member, Role, ThreadPost

EDITABLE = ("name", "slug", "description", "area", "municipality", "theme", "joining")


def _locked(community) -> Community:
    return Community.objects.select_for_update().get(pk=community.pk)


def _check_place(fields) -> None:
    if not (fields.get("area") or fields.get("municipality") or fields.get("theme")):
        raise ValidationError({"area": _("Choose an area, a municipality or a theme (or more than one).")})


def _theme(theme):
    """A theme given by name (the form's) becomes its term inside the caller's transaction, so that a refused
    write creates no term."""
    return next(iter(Theme.objects.get_or_create_many([theme])), None)


def _check_slug(slug, community=None) -> None:
    taken = Community.objects.filter(slug=slug)
    if community is not None:
        taken = taken.exclude(pk=community.pk)
    if taken.exists():
        raise ValidationError({"slug": _("Another community has this short name.")})


def community_create(*, by, name, slug, description, area=None, municipality=None, theme=None,
                     joining="open", demo=False) -> Community:
    """Start a community; whoever starts it is its first organiser (and is named on its page)."""
    require(by, "communities.create", None, _("Confirm your e-mail address to start a community."))
    fields = {"name": name, "slug": slug, "description": description, "area": area, "municipality": municipality,
              "theme": theme, "joining": joining}
    _check_place(fields)
    with transaction.atomic():
        _check_slug(slug)
        fields["theme"] = _theme(theme)
        community = Community.objects.create(created_by=by, is_demo=demo, **fields)
        Member.objects.create(community=community, person=by, role=Role.ORGANISER, listed=True)
        action_record(actor=by, verb=verbs.COMMUNITY_CREATED, target=community, data={"name": name})
    return community


def _plain(fields) -> dict:
    return {name: getattr(value, "pk", value) for name, value in fields.items()}


def community_update(*, by, community, **fields) -> Community:
    """Change what the page says and how people join (organisers)."""
    require(by, "communities.manage", community, _("Only the community's organisers can change it."))
    _check_place(fields)
    with transaction.atomic():
        community = _locked(community)
        _check_slug(fields["slug"], community)
        fields["theme"] = _theme(fields["theme"])
        before = _plain({name: getattr(community, name) for name in EDITABLE})
        for name in EDITABLE:
            setattr(community, name, fields[name])
        community.save()
        change = diff(before, _plain({name: fields[name] for name in EDITABLE}))
        if change:
            action_record(actor=by, verb=verbs.COMMUNITY_UPDATED, target=community, data=change)
    return community


def _add_member(community, person, *, listed, by, via_request=False) -> Member:
    member = Member.objects.create(community=community, person=person, listed=listed)
    action_record(actor=by, verb=verbs.COMMUNITY_JOINED, target=community,
                  data={"person": person.pk, "by_request": via_request})
    return member


def join(*, by, community, listed: bool = False, message: str = ""):
    """Join an open community at once (a Member), or ask to join one whose organisers approve (a JoinRequest).
    Asking twice, or joining again, changes nothing and returns what is there."""
    if not by.is_authenticated:
        raise PermissionDenied(_("Log in to join a community."))
    with transaction.atomic():
        community = _locked(community)
        existing = Member.objects.filter(community=community, person=by).first()
        if existing is not None:
            return existing
        require(by, "communities.join", community, _("Log in to join a community."))
        if community.is_open:
            return _add_member(community, by, listed=listed, by=by)
        waiting = JoinRequest.objects.filter(community=community, person=by, status=JoinRequest.Status.PENDING).first()
        if waiting is not None:
            return waiting
        request = JoinRequest.objects.create(community=community, person=by, message=message.strip()[:500],
                                             listed=listed)
        action_record(actor=by, verb=verbs.COMMUNITY_JOIN_REQUESTED, target=community,
                      data={"person": by.pk, "request": request.pk})
        return request


def _organisers(community):
    return Member.objects.filter(community=community, role=Role.ORGANISER)


def leave(*, by, community) -> None:
    """Leave a community; the last organiser must first hand the role over. A waiting request is withdrawn."""
    with transaction.atomic():
        community = _locked(community)
        member = Member.objects.filter(community=community, person=by).first()
        if member is None:
            JoinRequest.objects.filter(community=community, person=by, status=JoinRequest.Status.PENDING).delete()
            return
        if member.is_organiser and _organisers(community).count() == 1:
            raise ValidationError(_("You are the community's only organiser: hand the role over to another member "
                                    "before you leave."))
        member.delete()
        action_record(actor=by, verb=verbs.COMMUNITY_LEFT, target=community,
                      data={"person": by.pk, "role": member.role})


def request_decide(*, by, request: JoinRequest, approve: bool):
    """An organiser approves (the person becomes a member) or declines a waiting request."""
    require(by, "communities.manage", request.community, _("Only the community's organisers can answer requests."))
    with transaction.atomic():
        community = _locked(request.community)
        request = JoinRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != JoinRequest.Status.PENDING:
            raise ValidationError(_("This request was answered already."))
        request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
        request.decided_by, request.decided_at = by, timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
        action_record(actor=by, verb=verbs.COMMUNITY_REQUEST_DECIDED, target=community,
                      data={"person": request.person_id, "request": request.pk, "old": "pending",
                            "new": request.status})
        if approve and not Member.objects.filter(community=community, person_id=request.person_id).exists():
            _add_member(community, request.person, listed=request.listed, by=by, via_request=True)
    return request


def role_change(*, by, member: Member, role: str) -> Member:
    """An organiser makes a member an organiser, or an organiser a member — never the last organiser."""
    require(by, "communities.manage", member.community, _("Only the community's organisers can change roles."))
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    with transaction.atomic():
        community = _locked(member.community)
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.role == role:
            return member
        if member.is_organiser and _organisers(community).count() == 1:
            raise ValidationError(_("A community needs an organiser: make someone else organiser first."))
        old, member.role = member.role, role
        member.save(update_fields=["role"])
        action_record(actor=by, verb=verbs.COMMUNITY_ROLE_CHANGED, target=community,
                      data={"person": member.person_id, "old": old, "new": role})
    return member


def hand_over(*, by, community, to: Member) -> Member:
    """An organiser hands their role to another member: they become organiser, the giver a member."""
    require(by, "communities.manage", community, _("Only an organiser can hand the role over."))
    with transaction.atomic():
        community = _locked(community)
        giver = Member.objects.select_for_update().get(community=community, person=by)
        to = Member.objects.select_for_update().filter(pk=to.pk, community=community).first()
        if to is None or to.pk == giver.pk:
            raise ValidationError({"to": _("Choose another member of this community.")})
        to.role, giver.role = Role.ORGANISER, Role.MEMBER
        to.save(update_fields=["role"])
        giver.save(update_fields=["role"])
        action_record(actor=by, verb=verbs.COMMUNITY_HANDED_OVER, target=community,
                      data={"old": by.pk, "new": to.person_id})
    return to


def listing_set(*, by, community, listed: bool) -> Member:
    """A member's own consent to be named on the public page (their own choice: not an action under authority)."""
    member = Member.objects.filter(community=community, person=by).first()
    if member is None:
        raise PermissionDenied(_("Join the community first."))
    Member.objects.filter(pk=member.pk).update(listed=listed)
    member.listed = listed
    return member


def link(*, by, community, address: str) -> LinkedPost:
    """An organiser links an issue, idea, event, conversation or help request (by its address) to the community.
    Linking it again changes nothing."""
    require(by, "communities.manage", community, _("Only the community's organisers can link posts."))
    found = linked.parse_address(address)
    if found is None:
        raise ValidationError({"address": _("Paste the address of an issue, idea, event, conversation or help "
                                            "request on this site, for example /ideas/12/.")})
    kind, object_id = found
    if not linked.exists(kind, object_id):
        raise ValidationError({"address": _("Nothing that everyone can read has this address.")})
    with transaction.atomic():
        try:
            with transaction.atomic():
                post = LinkedPost.objects.create(community=community, kind=kind, object_id=object_id, linked_by=by)
        except IntegrityError:  # linked already, perhaps a moment ago by another organiser
            return LinkedPost.objects.get(community=community, kind=kind, object_id=object_id)
        action_record(actor=by, verb=verbs.COMMUNITY_POST_LINKED, target=community,
                      data={"kind": kind, "id": object_id})
    return post


def unlink(*, by, post: LinkedPost) -> None:
    require(by, "communities.manage", post.community, _("Only the community's organisers can unlink posts."))
    with transaction.atomic():
        deleted, _rows = LinkedPost.objects.filter(pk=post.pk).delete()
        if deleted:
            action_record(actor=by, verb=verbs.COMMUNITY_POST_UNLINKED, target=post.community,
                          data={"kind": post.kind, "id": post.object_id})


def announce(*, by, community, title: str, body: str) -> Announcement:
    """An organiser's announcement to the members; the members are told once it is committed (receivers.py),
    each on the site and in their digest as they chose for community announcements."""
    require(by, "communities.manage", community, _("Only the community's organisers can send announcements."))
    if not title.strip() or not body.strip():
        raise ValidationError({"body": _("Write a title and a message.")})
    with transaction.atomic():
        announcement = Announcement.objects.create(community=community, author=by, title=title.strip(),
                                                   body=body.strip())
        action_record(actor=by, verb=verbs.COMMUNITY_ANNOUNCED, target=community,
                      data={"announcement": announcement.pk, "title": announcement.title})
    return announcement


def thread_post(*, by, community, body: str) -> ThreadPost:
    """A member's post in the members-only thread; a newcomer's first posts wait for a moderator, as comments do."""
    require(by, "communities.post_thread", community, _("Only the community's members can write here."))
    if not body.strip():
        raise ValidationError({"body": _("Write a message first.")})
    with transaction.atomic():
        post = ThreadPost.objects.create(community=community, author=by, body=body.strip(),
                                         visibility=moderation.initial_visibility(by))
        if not post.is_published:
            moderation.log_held(post)
    return post

