from django.urls import path

from . import views

urlpatterns = [
    path("", views.startup_index, name="startup_list"),
    path("export.csv", views.startup_export, name="startup_export"),
    path("new/", views.startup_new, name="startup_new"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("<int:pk>/", views.startup_show, name="startup_detail"),
    path("<int:pk>/edit/", views.startup_edit, name="startup_edit"),
    path("<int:pk>/rounds/new/", views.round_new, name="startup_round_new"),
    path("<int:pk>/rounds/<int:round_pk>/delete/", views.round_delete, name="startup_round_delete"),
    path("<int:pk>/updates/new/", views.update_new, name="startup_update_new"),
    path("<int:pk>/updates/<int:update_pk>/delete/", views.update_delete, name="startup_update_delete"),
    path("<int:pk>/programmes/new/", views.participation_new, name="startup_participation_new"),
]
