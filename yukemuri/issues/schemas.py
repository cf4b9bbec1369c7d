"""API schemas shared by issues and ideas (moved from core.schemas, which imports no domain app)."""

from datetime import datetime

from django.urls import reverse
from ninja import Schema

from yukemuri.people.display import public_name


class PrefectureRef(Schema):
    code: str
    name: str
    romaji: str


class AreaRef(Schema):
    id: int
    name: str
    romaji: str


class MunicipalityRef(Schema):
    code: str
    name: str
    kana: str
    romaji: str


class OrganisationRef(Schema):
    id: int
    name: str
    kind: str
    verified: bool


class PostOut(Schema):
    id: int
    url: str
    title: str
    body: str
    body_html: str
    prefecture: PrefectureRef
    area: AreaRef | None
    municipality: MunicipalityRef | None
    municipalities: list[MunicipalityRef]  # 広域: the other municipalities it also concerns
    latitude: float | None
    longitude: float | None
    sdgs: list[int]
    themes: list[str]
    author: str
    organisation: OrganisationRef | None
    support_count: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_municipalities(obj):
        return list(obj.municipalities.all())

    @staticmethod
    def resolve_sdgs(obj):
        return [goal.number for goal in obj.sdgs.all()]

    @staticmethod
    def resolve_themes(obj):
        return [theme.name for theme in obj.themes.all()]

    @staticmethod
    def resolve_author(obj):
        return public_name(obj.author)

    @staticmethod
    def resolve_url(obj, context):
        request = context["request"]
        name = "idea_detail" if obj._meta.model_name == "idea" else "issue_detail"
        return request.build_absolute_uri(reverse(name, args=[obj.pk]))
