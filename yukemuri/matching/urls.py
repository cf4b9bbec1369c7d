from django.urls import path

from . import views

urlpatterns = [
    path("openings/<int:pk>/candidates/", views.opening_candidates, name="opening_candidates"),
    path("roles/<int:pk>/candidates/", views.role_candidates, name="role_candidates"),
    path("run/", views.run, name="matching_run"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("days/new/", views.day_new, name="volunteer_day_new"),
    path("days/<int:pk>/", views.day_detail, name="volunteer_day"),
    path("days/<int:pk>/assign/", views.day_assign, name="volunteer_day_assign"),
    path("suggestions/<int:pk>/answer/", views.answer, name="suggestion_answer"),
]
