from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.index, name="opendata_index"),
    path("events.csv", views.events, name="opendata_events"),
    re_path(r"^(?P<code>\d{6})_event\.csv$", views.municipality_events, name="opendata_municipality_events"),
    path("import/", views.import_page, name="opendata_import"),
]
