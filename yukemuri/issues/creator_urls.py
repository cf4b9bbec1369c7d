from django.urls import path

from . import creator_views

urlpatterns = [
    path("", creator_views.creator_index, name="creator_list"),
]
