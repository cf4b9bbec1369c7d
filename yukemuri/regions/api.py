from django.utils.translation import gettext as _
from ninja import Router, Schema

from yukemuri.core.api import BadRequest, check_params, responses, text_query

from .models import Prefecture
from .selectors import municipalities, prefectures_with_tree

router = Router(tags=["regions"])


class MunicipalityOut(Schema):
    code: str
    name: str
    kana: str
    romaji: str
    kind: str
    prefecture_code: str
    area_id: int | None
    area_name: str | None
    latitude: float | None
    longitude: float | None

    @staticmethod
    def resolve_prefecture_code(obj):
        return obj.prefecture.code

    @staticmethod
    def resolve_area_name(obj):
        return obj.area.name if obj.area else None


class AreaOut(Schema):
    id: int
    name: str
    kana: str
    romaji: str
    municipality_codes: list[str]

    @staticmethod
    def resolve_municipality_codes(obj):
        return [m.code for m in obj.municipalities.all()]


class PrefectureOut(Schema):
    code: str
    jis_code: str
    name: str
    kana: str
    romaji: str
    areas: list[AreaOut]


@router.get("/prefectures", response=responses(list[PrefectureOut]), summary="Prefectures with their areas")
def list_prefectures(request):
    check_params(request, set())
    return list(prefectures_with_tree())


@router.get("/municipalities", response=responses(list[MunicipalityOut]),
            summary="Municipalities (市町村) with their codes")
def list_municipalities(request, prefecture: str = text_query(
        6, "Two-digit prefecture number or six-digit code; empty for all.", pattern="^([0-9]{2}|[0-9]{6})?$",
        example="10")):
    """`prefecture` is the two-digit prefecture number (群馬県 = 10) or its six-digit code (100005)."""
    check_params(request, {"prefecture"})
    if prefecture:
        if not (prefecture.isascii() and prefecture.isdigit() and len(prefecture) in (2, 6)):
            raise BadRequest(
                _("prefecture is a two-digit prefecture number (e.g. 10) or a six-digit code (e.g. 100005)."),
                errors=[{"parameter": "prefecture", "detail": _("Not a prefecture code."), "code": "format"}],
            )
        if not Prefecture.objects.filter(code__startswith=prefecture[:2]).exists():
            raise BadRequest(
                _("No prefecture %(code)s is loaded.") % {"code": prefecture},
                errors=[{"parameter": "prefecture", "detail": _("Unknown prefecture."), "code": "unknown"}],
            )
    return list(municipalities(prefecture or None))
