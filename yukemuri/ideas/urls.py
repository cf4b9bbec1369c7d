from django.urls import path

from . import views

urlpatterns = [
    path("", views.idea_index, name="idea_list"),
    path("new/", views.idea_new, name="idea_new"),
    path("<int:pk>/", views.idea_show, name="idea_detail"),
    path("<int:pk>/edit/", views.idea_edit, name="idea_edit"),
    path("<int:pk>/support/", views.idea_support, name="idea_support"),
    path("<int:pk>/follow/", views.idea_follow, name="idea_follow"),
    path("<int:pk>/comments/", views.comment_new, name="comment_new"),
]
