from django.urls import path

from . import views

urlpatterns = [
    path("", views.help_index, name="help_list"),
    path("disaster/", views.help_disaster, name="help_disaster"),
    path("new/", views.help_new, name="help_new"),
    path("<int:pk>/", views.help_show, name="help_detail"),
    path("<int:pk>/edit/", views.help_edit, name="help_edit"),
    path("<int:pk>/publish/", views.help_publish, name="help_publish"),
    path("<int:pk>/close/", views.help_close, name="help_close"),
    path("<int:pk>/disaster/", views.help_disaster_mark, name="help_disaster_mark"),
    path("<int:pk>/slots/new/", views.slot_new, name="help_slot_new"),
    path("<int:pk>/slots/<int:slot>/edit/", views.slot_edit, name="help_slot_edit"),
    path("<int:pk>/signups/", views.signups, name="help_signups"),
    path("<int:pk>/slots/<int:slot>/suggestions/", views.slot_suggestions, name="help_slot_suggestions"),
]
