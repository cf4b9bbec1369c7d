from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.index, name="facility_list"),
    path("public_facility.csv", views.all_csv, name="facilities_csv"),
    path("public_facility.json", views.all_json, name="facilities_json"),
    re_path(r"^(?P<code>\d{6})_public_facility\.csv$", views.municipality_csv, name="facilities_municipality_csv"),
    re_path(r"^(?P<code>\d{6})_public_facility\.json$", views.municipality_json, name="facilities_municipality_json"),
    re_path(r"^in/(?P<code>\d{6})/$", views.municipality, name="facilities_municipality"),
    path("<int:pk>/", views.detail, name="facility_detail"),
]
