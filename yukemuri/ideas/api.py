from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

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
from yukemuri.issues.schemas import PostOut
from yukemuri.people.display import public_name
from yukemuri.translations.selectors import published_translations

from .forms import IdeaFilterForm
from .selectors import idea_list

router = Router(tags=["ideas"])
FIELDS = IdeaFilterForm.base_fields


class TranslationOut(Schema):
    """A published translation of the idea (翻訳): by a person (`translated_by`) or a machine (`machine_provider`)."""

    language: str
    title: str
    body: str
    body_html: str
    translated_by: str | None
    machine_provider: str | None
    updated_at: datetime

    @staticmethod
    def resolve_translated_by(obj):
        return public_name(obj.author) if obj.author_id else None

    @staticmethod
    def resolve_machine_provider(obj):
        return obj.provider or None


class IdeaOut(PostOut):
    language: str  # the language it is written in
    translations: list[TranslationOut]
    stage: str
    status: str
    stage_changed_at: datetime
    issue_ids: list[int]
    comment_count: int
    follower_count: int

    @staticmethod
    def resolve_translations(obj):
        found = getattr(obj, "published_translations", None)
        return found if found is not None else published_translations([obj]).get(obj.pk, [])

    @staticmethod
    def resolve_issue_ids(obj):
        return [issue.pk for issue in obj.issues.all() if issue.is_published]


class IdeaPage(PageMeta):
    results: list[IdeaOut]


def _queryset():
    return idea_list().prefetch_related("themes", "issues", "municipalities")


@router.get("/ideas", response=responses(IdeaPage), summary="Ideas (未来の種)")
def list_ideas(request, q: str = text_query(100), area: int | None = id_query(), municipality: str = municipality_query(),
               sdg: int | None = Query(None, ge=1, le=17), stage: str = choice_query(FIELDS["stage"]),
               issue: int | None = id_query(), sort: str = choice_query(FIELDS["sort"], default="new"),
               page: int = page_query(), page_size: int = page_size_query()):
    """Published ideas, filtered like /ideas/: area (id), municipality (6-digit code), sdg (1–17), stage,
    issue (id of an issue they answer), q (substring of title or text), sort (new, supported)."""
    answer = listed(request, IdeaFilterForm, _queryset(), page, page_size)
    _with_translations(answer["results"])
    return answer


def _with_translations(ideas):
    """The published translations of a page of ideas, in one query."""
    found = published_translations(ideas)
    for idea in ideas:
        idea.published_translations = found.get(idea.pk, [])
    return ideas


@router.get("/ideas/{int:idea_id}", response=responses(IdeaOut, with_404=True), summary="One idea")
def get_idea(request, idea_id: int = id_path()):
    return one_or_404(_queryset(), idea_id, _("No published idea has the id %(id)s."))
