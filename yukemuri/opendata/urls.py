from django.urls import path, re_path

from . import ckan, views

urlpatterns = [
    path("", views.index, name="opendata_index"),
    path("events.csv", views.events, name="opendata_events"),
    path("issues.csv", views.issues_csv, name="opendata_issues"),
    path("kpi-cocreation-initiatives.csv", views.kpi_csv, name="opendata_kpi"),
    re_path(r"^(?P<code>\d{6})_event\.csv$", views.municipality_events, name="opendata_municipality_events"),
    path("import/", views.import_page, name="opendata_import"),
]

# Fixed addresses for harvesters, outside the language prefixes (yukemuri/urls.py).
catalog_patterns = [
    path("catalog.jsonld", views.catalog, {"fmt": "jsonld"}, name="catalog_jsonld"),
    path("catalog.ttl", views.catalog, {"fmt": "ttl"}, name="catalog_ttl"),
    path("api/3/action/<str:name>", ckan.action, name="ckan_action"),
    # CKAN answers at the unversioned address too, and ckanapi calls that one.
    path("api/action/<str:name>", ckan.action, name="ckan_action_unversioned"),
]
