from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/", views.dashboard, name="operations_dashboard"),
    path("<slug:slug>/<slug:figure>.csv", views.figure_csv, name="operations_csv"),
]
