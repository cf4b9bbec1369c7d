from django.urls import path

from . import views

urlpatterns = [
    path("accountability/", views.accountability, name="accountability"),
    path("accountability.csv", views.accountability_csv, name="accountability_csv"),
    path("kpi/", views.kpi, name="kpi"),
    path("kpi/indicators.csv", views.indicators_csv, name="indicators_csv"),
    path("kpi/indicators.json", views.indicators_json, name="indicators_json"),
    path("kpi/participation/", views.participation, name="kpi_participation"),
    path("kpi/<slug:slug>/", views.indicator, name="indicator"),
    path("kpi/<slug:slug>/values/", views.value_add, name="indicator_value_add"),
    path("kpi/<slug:slug>/values/<int:pk>/file", views.value_file, name="indicator_value_file"),
    path("kpi/<slug:slug>/notes/", views.note_write, name="indicator_note_write"),
    path("kpi/<slug:slug>/targets/", views.target_revise, name="indicator_target_revise"),
    path("coordinator/", views.coordinator, name="coordinator"),
]
