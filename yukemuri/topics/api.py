from ninja import Router, Schema

from yukemuri.core.api import check_params, responses

from .models import SDGGoal

router = Router(tags=["topics"])


class SDGOut(Schema):
    number: int
    name_ja: str
    name_en: str
    colour: str


@router.get("/sdgs", response=responses(list[SDGOut]), summary="The 17 Sustainable Development Goals")
def list_sdgs(request):
    check_params(request, set())
    return list(SDGGoal.objects.all())
