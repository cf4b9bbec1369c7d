"""The versioned read API at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from yukemuri.calls.api import router as calls_router
from yukemuri.communities.api import router as communities_router
from yukemuri.core.api import create_api
from yukemuri.events.api import router as events_router
from yukemuri.ideas.api import router as ideas_router
from yukemuri.issues.api import router as issues_router
from yukemuri.kpi.api import router as kpi_router
from yukemuri.maps.api import router as maps_router
from yukemuri.regions.api import router as regions_router
from yukemuri.space.api import router as space_router
from yukemuri.topics.api import router as topics_router

api = create_api()
api.add_router("", regions_router)
api.add_router("", topics_router)
api.add_router("", issues_router)
api.add_router("", ideas_router)
api.add_router("", events_router)
api.add_router("", kpi_router)
api.add_router("", communities_router)
api.add_router("", maps_router)
api.add_router("", calls_router)  # /calls: calls for proposals, never their proposals
api.add_router("", space_router)  # /facilities: the co-creation spaces' facilities (not the 公共施設一覧 files)
