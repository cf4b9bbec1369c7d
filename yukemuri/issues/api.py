from django.utils.translation import gettext as _
from ninja import Field, Query, Router

from yukemuri.core.api import (
    PageMeta,
    choice_query,
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

from .forms import IssueFilterForm
from .schemas import PostOut
from .selectors import issue_list

router = Router(tags=["issues"])
FIELDS = IssueFilterForm.base_fields


class IssueOut(PostOut):
    status: str
    answer_state: str = Field(description=(
        "State of the latest official answer (公式回答) by the municipality or organisation the issue concerns: "
        "received, considering, in_progress, done, not_possible; empty while it has no answer."))
    idea_ids: list[int]

    @staticmethod
    def resolve_idea_ids(obj):
        return [idea.pk for idea in obj.ideas.all() if idea.is_published]


class IssuePage(PageMeta):
    results: list[IssueOut]


def _queryset():
    return issue_list().prefetch_related("themes", "ideas", "municipalities")


@router.get("/issues", response=responses(IssuePage), summary="Regional issues (地域課題)")
def list_issues(request, q: str = text_query(100), area: int | None = id_query(), municipality: str = municipality_query(),
                sdg: int | None = Query(None, ge=1, le=17), status: str = choice_query(FIELDS["status"]),
                sort: str = choice_query(FIELDS["sort"], default="new"), page: int = page_query(),
                page_size: int = page_size_query()):
    """Published issues, filtered like /issues/: area (id), municipality (6-digit code), sdg (1–17),
    status (open, addressed, resolved, archived), q (substring of title or text), sort (new, supported)."""
    return listed(request, IssueFilterForm, _queryset(), page, page_size)


@router.get("/issues/{int:issue_id}", response=responses(IssueOut, with_404=True), summary="One regional issue")
def get_issue(request, issue_id: int = id_path()):
    return one_or_404(_queryset(), issue_id, _("No published issue has the id %(id)s."))
