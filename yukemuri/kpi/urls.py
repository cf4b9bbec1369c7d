from django.urls import path

from . import views

urlpatterns = [
    path("accountability/", views.accountability, name="accountability"),
    path("accountability.csv", views.accountability_csv, name="accountability_csv"),
    path("kpi/", views.kpi, name="kpi"),
    path("coordinator/", views.coordinator, name="coordinator"),
]
