"""Communities in the read API: /api/v1/communities and one community with its linked posts. Public fields only:
no member is named (the page names those who agreed), and nothing of the thread or the announcements is here."""

from django.utils.translation import gettext as _
from ninja import Router, Schema

from yukemuri.core.api import (
    PageMeta,
    id_path,
    id_query,
    listed,
    municipality_query,
    one_or_404,
    page_query,
    page_size_query,
    responses,
    text_query,
)

from . import selectors
from .forms import CommunityFilterForm

router = Router(tags=["communities"])


class CommunityOut(Schema):
    id: int
    name: str
    slug: str
    description_html: str
    area_id: int | None
    municipality: str | None
    theme: str | None
    joining: str
    member_count: int
    url: str

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.code if obj.municipality_id else None

    @staticmethod
    def resolve_theme(obj):
        return obj.theme.name if obj.theme_id else None

    @staticmethod
    def resolve_url(obj, context):
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class LinkedPostOut(Schema):
    kind: str
    id: int
    title: str
    url: str


class CommunityDetailOut(CommunityOut):
    posts: list[LinkedPostOut]

    @staticmethod
    def resolve_posts(obj, context):
        request = context["request"]
        return [{"kind": post.kind, "id": post.id, "title": post.title, "url": request.build_absolute_uri(post.url)}
                for post in selectors.linked_posts(obj)]


class CommunityPage(PageMeta):
    results: list[CommunityOut]


@router.get("/communities", response=responses(CommunityPage), summary="Communities (コミュニティ)")
def list_communities(request, area: int | None = id_query(), municipality: str = municipality_query(),
                     theme: str = text_query(60, "A theme's name.", example="空き家"),
                     q: str = text_query(100, "Words in the name or description."),
                     page: int = page_query(), page_size: int = page_size_query()):
    """Communities, filtered like /communities/: area (id; also the communities of its municipalities),
    municipality (6-digit code), theme (name), q (words)."""
    return listed(request, CommunityFilterForm, selectors.community_list(), page, page_size)


@router.get("/communities/{int:community_id}", response=responses(CommunityDetailOut, with_404=True),
            summary="One community, with the posts linked to it")
def get_community(request, community_id: int = id_path()):
    return one_or_404(selectors.community_list(), community_id, _("No community has the id %(id)s."))
