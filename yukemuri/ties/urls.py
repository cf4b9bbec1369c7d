"""/regions/<code>/ties/… (routed before the municipality page) and /me/ties/…"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.municipality_ties, name="ties_municipality"),
    path("manage/", views.manage, name="ties_manage"),
    path("manage/survey/", views.survey_edit, name="ties_survey_edit"),
    path("manage/guide/", views.guide_edit, name="ties_guide_edit"),
    path("members.csv", views.members_csv, name="ties_members_csv"),
]

me_patterns = [
    path("", views.my_ties, name="my_ties"),
    path("new/", views.tie_new, name="my_tie_new"),
    path("<int:pk>/", views.tie_edit, name="my_tie_edit"),
    path("<int:pk>/delete/", views.tie_delete, name="my_tie_delete"),
]
