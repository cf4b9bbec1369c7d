"""Community pages: the list, a community's public page, its members-only thread and its organisers' page.

Every write is a POST form that works without JavaScript; the rules are in services.py and rules.py. The thread and
the announcements are for members only: for anyone else the thread's address does not exist (404).
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import allowed, require
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import attempt, filtered_page, submit_form

from . import selectors, services
from .forms import (
    AnnouncementForm,
    CommunityFilterForm,
    CommunityForm,
    DecisionForm,
    JoinForm,
    LinkForm,
    ListingForm,
    RoleForm,
    ThreadPostForm,
    community_initial,
)
from .models import JoinRequest, LinkedPost, Member


def _community(pk):
    community = selectors.community_by_id(pk)
    if community is None:
        raise Http404(_("No such community."))
    return community


def _manager(request, pk, message=None):
    community = _community(pk)
    require(request.user, "communities.manage", community,
            message or _("Only the community's organisers can see this page."))
    return community


def community_list(request):
    form = CommunityFilterForm(request.GET)
    page = filtered_page(form, selectors.community_list())
    return render(request, "communities/list.html", {
        "form": form, "page": page, "communities": list(page.object_list), "filters": form.active_filters(),
        "can_create": allowed(request.user, "communities.create"),
        "mine": list(selectors.communities_of(request.user)[:20]),
    })


def community_detail(request, pk, join_form=None, status=200):
    community = _community(pk)
    member = selectors.member_of(community, request.user)
    listed = list(selectors.listed_members(community))
    posts = selectors.linked_posts(community)
    return render(request, "communities/detail.html", {
        "community": community,
        "member": member,
        "waiting": selectors.waiting_request(community, request.user),
        "listed": listed,
        "unlisted_count": community.member_count - len(listed),
        "posts": posts,
        "activity": selectors.activity(community, listed=listed, posts=posts),
        "announcements": list(selectors.announcements(community)[:5]) if member else [],
        "may_manage": member is not None and member.is_organiser,
        "join_form": join_form or JoinForm(),
        "listing_form": ListingForm(initial={"listed": member.listed}) if member else None,
    }, status=status)


@login_required
def community_new(request):
    require(request.user, "communities.create", None, _("Confirm your e-mail address to start a community."))
    form = CommunityForm(request.POST or None)
    return submit_form(request, form, partial(services.community_create, by=request.user),
                       success=_("The community is started. You are its organiser."),
                       page=lambda: render(request, "communities/form.html", {"form": form, "community": None}))


@login_required
def community_edit(request, pk):
    community = _manager(request, pk)
    form = CommunityForm(request.POST or None, initial=community_initial(community))
    return submit_form(request, form, partial(services.community_update, by=request.user, community=community),
                       success=_("The community is saved."),
                       page=lambda: render(request, "communities/form.html", {"form": form, "community": community}))


@require_POST
@login_required
@limit("support")
def community_join(request, pk):
    community = _community(pk)
    form = JoinForm(request.POST)
    if not form.is_valid():
        return community_detail(request, pk, join_form=form, status=400)
    result = services.join(by=request.user, community=community, **form.cleaned_data)
    if isinstance(result, Member):
        message = _("You are a member of %(name)s.") % {"name": community.name}
    else:
        message = _("Your request is sent. An organiser will answer it.")
    messages.success(request, message)
    return redirect(community)


@require_POST
@login_required
def community_leave(request, pk):
    community = _community(pk)
    attempt(request, partial(services.leave, by=request.user, community=community),
            _("You left %(name)s.") % {"name": community.name})
    return redirect(community)


@require_POST
@login_required
def community_listing(request, pk):
    community = _community(pk)
    form = ListingForm(request.POST)
    listed = form.is_valid() and form.cleaned_data["listed"]
    attempt(request, partial(services.listing_set, by=request.user, community=community, listed=listed),
            _("Your name is shown on the page.") if listed else _("Your name is no longer shown on the page."))
    return redirect(community)


@login_required
@limit("comment", form=True)
def community_thread(request, pk):
    community = _community(pk)
    if not allowed(request.user, "communities.read_thread", community):
        raise Http404(_("No such page."))
    form = ThreadPostForm(request.POST or None)

    def page():
        return render(request, "communities/thread.html", {
            "community": community, "form": form, "posts": list(selectors.thread(community, request.user)),
            "announcements": list(selectors.announcements(community)),
        })

    def said(post):
        if post.is_published:
            return _("Your message is posted.")
        return _("Thank you! A moderator will review your first posts before they are shown.")

    return submit_form(request, form, partial(services.thread_post, by=request.user, community=community),
                       success=said, to=lambda post: reverse("community_thread", args=[pk]) + f"#post-{post.pk}",
                       page=page)


def _links_with_rows(community) -> list[tuple]:
    """Each linked post anyone may read, with its link's id (for the unlink button)."""
    rows = {(link.kind, link.object_id): link.pk for link in selectors.links(community)}
    return [(post, rows[(post.kind, post.id)]) for post in selectors.linked_posts(community)]


def _manage_page(request, community, status=200, **forms):
    return render(request, "communities/manage.html", {
        "community": community,
        "requests": list(selectors.waiting_requests(community)),
        "members": list(selectors.members(community)),
        "links": _links_with_rows(community),
        "link_form": forms.get("link_form") or LinkForm(),
        "announcement_form": forms.get("announcement_form") or AnnouncementForm(),
        "roles": RoleForm.base_fields["role"].choices,
    }, status=status)


@login_required
def community_manage(request, pk):
    return _manage_page(request, _manager(request, pk))


@require_POST
@login_required
def request_decide(request, pk, request_pk):
    community = _manager(request, pk)
    join_request = JoinRequest.objects.filter(pk=request_pk, community=community).first()
    form = DecisionForm(request.POST)
    if join_request is None or not form.is_valid():
        raise Http404(_("No such request."))
    approve = form.cleaned_data["approve"]
    attempt(request, partial(services.request_decide, by=request.user, request=join_request, approve=approve),
            _("The request is approved.") if approve else _("The request is declined."))
    return redirect("community_manage", pk=pk)


def _member(community, member_pk):
    member = Member.objects.filter(pk=member_pk, community=community).select_related("community").first()
    if member is None:
        raise Http404(_("No such member."))
    return member


@require_POST
@login_required
def member_role(request, pk, member_pk):
    community = _manager(request, pk)
    member = _member(community, member_pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        attempt(request, partial(services.role_change, by=request.user, member=member, role=form.cleaned_data["role"]),
                _("The role is changed."))
    else:
        messages.error(request, _("Choose a role."))
    return redirect("community_manage", pk=pk)


@require_POST
@login_required
def hand_over(request, pk):
    community = _manager(request, pk)
    try:
        member_pk = int(request.POST.get("to", ""))
    except ValueError:
        member_pk = 0
    member = _member(community, member_pk)
    attempt(request, partial(services.hand_over, by=request.user, community=community, to=member),
            _("The organiser role is handed over."))
    return redirect(community)


@require_POST
@login_required
def link_add(request, pk):
    community = _manager(request, pk)
    form = LinkForm(request.POST)
    return submit_form(request, form, partial(services.link, by=request.user, community=community),
                       success=_("The post is linked."), to=reverse("community_manage", args=[pk]),
                       page=lambda: _manage_page(request, community, 400, link_form=form))


@require_POST
@login_required
def link_remove(request, pk, link_pk):
    community = _manager(request, pk)
    post = LinkedPost.objects.filter(pk=link_pk, community=community).select_related("community").first()
    if post is None:
        raise Http404(_("No such link."))
    attempt(request, partial(services.unlink, by=request.user, post=post), _("The post is unlinked."))
    return redirect("community_manage", pk=pk)


@require_POST
@login_required
@limit("post", form=True)
def announce(request, pk):
    community = _manager(request, pk)
    form = AnnouncementForm(request.POST)
    return submit_form(request, form, partial(services.announce, by=request.user, community=community),
                       success=_("The announcement is sent to the members."),
                       to=reverse("community_manage", args=[pk]),
                       page=lambda: _manage_page(request, community, 400, announcement_form=form))
