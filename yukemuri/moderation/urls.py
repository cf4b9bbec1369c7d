from django.urls import path

from . import views

urlpatterns = [
    path("", views.queue, name="moderation_queue"),
    path("log/", views.log, name="moderation_log"),
    path("<str:key>/<int:pk>/decide/", views.decide, name="moderation_decide"),
]
report_patterns = [
    path("<str:key>/<int:pk>/", views.report, name="report"),
]
