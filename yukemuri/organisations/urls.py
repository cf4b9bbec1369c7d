from django.urls import path

from . import views

urlpatterns = [
    path("", views.organisation_index, name="organisation_list"),
    path("new/", views.organisation_new, name="organisation_new"),
]
