from django.urls import path

from . import views

urlpatterns = [
    path("", views.region_index, name="region_list"),
    path("<str:code>/", views.municipality_show, name="municipality_detail"),
]
