"""URL map. Pages in Japanese are unprefixed, English ones under /en/; the API is not translated."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from yukemuri.actions import urls as action_urls
from yukemuri.api import api
from yukemuri.events import views as event_views
from yukemuri.matching import views as matching_views
from yukemuri.moderation.urls import report_patterns
from yukemuri.notifications import guest_views
from yukemuri.oidc import urls as oidc_urls
from yukemuri.opendata.urls import catalog_patterns
from yukemuri.people.urls import account_patterns, me_patterns
from yukemuri.points import urls as points_urls
from yukemuri.privacy import urls as privacy_urls
from yukemuri.site import accessibility
from yukemuri.site import pages as site_pages
from yukemuri.site import views as site_views
from yukemuri.teams import views as team_views
from yukemuri.ties import urls as ties_urls

urlpatterns = [
    path("healthz", site_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("", include(catalog_patterns)),  # /catalog.jsonld, /catalog.ttl, CKAN's /api/3/action/<action>
    path("ngsi-ld/v1/", include("yukemuri.ngsild.urls")),  # NGSI-LD (ETSI GS CIM 009), outside the languages
    # Sign-in providers' start and return addresses: registered with each provider once, so in no language.
    path("accounts/", include(oidc_urls.callback_patterns)),
]

urlpatterns += i18n_patterns(
    path("", site_views.home, name="home"),
    path("about/", site_views.about, name="about"),
    path("furigana/", site_views.furigana, name="furigana"),
    path("similar/", site_views.similar_posts, name="similar_posts"),  # 似た投稿 while writing (issue 20)
    path("accessibility/", accessibility.statement, name="accessibility"),
    # Translated like every page (/en/opendata/); the Japanese addresses of the files stay /opendata/….
    path("opendata/", include("yukemuri.opendata.urls")),
    path("issues/", include("yukemuri.issues.urls")),
    path("ideas/", include("yukemuri.ideas.urls")),
    path("ideas/", include("yukemuri.teams.urls")),
    path("", include("yukemuri.funding.urls")),
    path("", include("yukemuri.kpi.urls")),
    path("visions/", include("yukemuri.visions.urls")),  # 地域別未来ビジョン (docs/decisions/0034)
    path("startups/", include("yukemuri.startups.urls")),
    path("facilities/", include("yukemuri.facilities.urls")),
    path("map/", include("yukemuri.maps.urls")),  # 地図 (issue 20)
    path("creators/", include("yukemuri.issues.creator_urls")),
    # A municipality's, an organisation's and a person's pages list issues and ideas: they live in site/pages.py.
    path("regions/", site_pages.region_index, name="region_list"),
    path("regions/<str:code>/ties/", include("yukemuri.ties.urls")),
    path("regions/<str:code>/", site_pages.municipality_show, name="municipality_detail"),
    path("events/", include("yukemuri.events.urls")),
    path("help/", include("yukemuri.help.urls")),
    path("communities/", include("yukemuri.communities.urls")),  # コミュニティ (docs/decisions/0033-communities.md)
    path("support/", include("yukemuri.support.urls")),
    path("space/membership/", include("yukemuri.membership.urls")),
    path("space/consultations/", include("yukemuri.consultations.urls")),  # 相談 with the space's coordinators
    path("space/dashboard/", include("yukemuri.operations.urls")),  # 運営ダッシュボード  # before the space app's own /space/…
    path("space/", include("yukemuri.space.urls")),  # 共創スペース (NETSUGEN): not /facilities/, the 公共施設一覧
    path("workshops/", include("yukemuri.workshops.urls")),
    path("calls/", include("yukemuri.calls.urls")),  # 公募: サウンディング and 民間提案 (issue 20)
    path("organisations/", include("yukemuri.organisations.urls")),
    path("organisations/<int:pk>/", site_pages.organisation_show, name="organisation_detail"),
    path("accounts/", include(account_patterns)),
    path("accounts/", include(oidc_urls.account_patterns)),
    path("me/tickets/", event_views.my_tickets, name="my_tickets"),
    path("me/notifications/", include("yukemuri.notifications.urls")),
    path("guest/<str:token>/", guest_views.guest_confirm, name="guest_confirm"),
    path("me/applications/", team_views.my_applications, name="my_applications"),
    path("me/points/", include(points_urls.me_patterns)),
    path("me/ties/", include(ties_urls.me_patterns)),
    path("me/data/", include(privacy_urls.me_patterns)),
    path("me/accounts/", include(oidc_urls.me_patterns)),
    path("points/", include("yukemuri.points.urls")),
    path("me/suggestions/", matching_views.my_suggestions, name="my_suggestions"),
    path("matching/", include("yukemuri.matching.urls")),
    path("listening/", include("yukemuri.listening.urls")),
    path("surveys/", include("yukemuri.surveys.urls")),
    path("me/", include(action_urls.me_patterns)),
    path("me/", site_pages.me, name="me"),
    path("me/", include(me_patterns)),
    path("staff/", include(action_urls.staff_patterns)),
    path("people/<int:pk>/", site_pages.person_show, name="person_detail"),
    path("report/", include(report_patterns)),
    path("moderation/", include("yukemuri.moderation.urls")),
    path("translate/", include("yukemuri.translations.urls")),
    path("attachments/", include("yukemuri.attachments.urls")),  # served through checks, never from MEDIA_URL
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler400 = "yukemuri.site.errors.bad_request"
handler403 = "yukemuri.site.errors.permission_denied"
handler404 = "yukemuri.site.errors.page_not_found"
handler500 = "yukemuri.site.errors.server_error"
