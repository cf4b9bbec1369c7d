from django.urls import path

from . import views

staff_patterns = [
    path("actions/", views.staff_actions, name="staff_actions"),
]
me_patterns = [
    path("activity/", views.my_activity, name="my_activity"),
]
