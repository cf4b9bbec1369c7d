from django.urls import path

from . import guest_views, views

urlpatterns = [
    path("", views.issue_index, name="issue_list"),
    path("new/", views.issue_new, name="issue_new"),
    path("answers/", views.answer_report, name="issue_answer_report"),
    path("<int:pk>/", views.issue_show, name="issue_detail"),
    path("<int:pk>/edit/", views.issue_edit, name="issue_edit"),
    path("<int:pk>/answer/", views.issue_answer, name="issue_answer"),
    path("<int:pk>/status/", views.issue_status, name="issue_status"),
    path("<int:pk>/support/", views.issue_support, name="issue_support"),
    path("<int:pk>/guest/support/", guest_views.guest_support, name="issue_guest_support"),
    path("<int:pk>/creator-brief/", views.issue_creator_brief, name="issue_creator_brief"),
]
