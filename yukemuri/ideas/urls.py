from django.urls import path

from . import evaluation_views, guest_views, steer_views, views

urlpatterns = [
    path("", views.idea_index, name="idea_list"),
    path("new/", views.idea_new, name="idea_new"),
    path("<int:pk>/", views.idea_show, name="idea_detail"),
    path("<int:pk>/edit/", views.idea_edit, name="idea_edit"),
    path("<int:pk>/support/", views.idea_support, name="idea_support"),
    path("<int:pk>/follow/", views.idea_follow, name="idea_follow"),
    path("<int:pk>/comments/", views.comment_new, name="comment_new"),
    path("<int:pk>/guest/support/", guest_views.guest_support, name="idea_guest_support"),
    path("<int:pk>/guest/comment/", guest_views.guest_comment, name="idea_guest_comment"),
    path("<int:pk>/steer/", steer_views.idea_steer, name="idea_steer"),
    path("<int:pk>/move/", steer_views.idea_move, name="idea_move"),
    path("<int:pk>/status/", steer_views.idea_status, name="idea_status"),
    path("<int:pk>/plan/", steer_views.idea_plan, name="idea_plan"),
    path("<int:pk>/adoptions/", steer_views.idea_adoption, name="idea_adoption"),
    path("<int:pk>/milestones/", steer_views.idea_milestones, name="idea_milestones"),
    path("<int:pk>/evaluation/", evaluation_views.idea_evaluation, name="idea_evaluation"),
    path("evaluations/<int:pk>/confirm/", evaluation_views.evaluation_confirm, name="idea_evaluation_confirm"),
    path("milestones/<int:pk>/done/", steer_views.milestone_done, name="milestone_done"),
]
