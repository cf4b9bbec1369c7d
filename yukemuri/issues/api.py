from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router

from yukemuri.core.api import PageMeta, filtered, page_of
from yukemuri.core.schemas import PostOut

from .forms import IssueFilterForm
from .selectors import issue_list

router = Router(tags=["issues"])


class IssueOut(PostOut):
    status: str
    idea_ids: list[int]

    @staticmethod
    def resolve_idea_ids(obj):
        return [idea.pk for idea in obj.ideas.all() if idea.is_published]


class IssuePage(PageMeta):
    results: list[IssueOut]


def _queryset():
    return issue_list().prefetch_related("themes", "ideas")


@router.get("/issues", response=IssuePage, summary="Regional issues (地域課題)")
def list_issues(request, q: str = "", area: int | None = None, municipality: str = "", sdg: int | None = None,
                status: str = "", sort: str = "new", page: int = 1, page_size: int = 20):
    """Published issues, filtered like /issues/: area (id), municipality (6-digit code), sdg (1–17),
    status (open, addressed, resolved, archived), q (substring of title or text), sort (new, supported)."""
    _form, queryset = filtered(request, IssueFilterForm, _queryset())
    page_obj, meta = page_of(request, queryset, page, page_size)
    return {**meta, "results": list(page_obj.object_list)}


@router.get("/issues/{int:issue_id}", response=IssueOut, summary="One regional issue")
def get_issue(request, issue_id: int):
    issue = _queryset().filter(pk=issue_id).first()
    if issue is None:
        raise Http404(_("No published issue has the id %(id)s.") % {"id": issue_id})
    return issue
