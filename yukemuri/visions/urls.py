from django.urls import path

from . import views

urlpatterns = [
    path("", views.vision_index, name="vision_list"),
    path("new/", views.vision_new, name="vision_new"),
    path("vision/<int:pk>/versions/", views.revisions, name="vision_revisions"),
    path("vision/<int:pk>/versions/<int:number>/", views.revision_show, name="vision_revision"),
    path("vision/<int:pk>/compare/", views.compare, name="vision_compare"),
    path("vision/<int:pk>/edit/", views.vision_edit, name="vision_edit"),
    path("vision/<int:pk>/updates/", views.updates, name="vision_updates"),
    path("vision/<int:pk>/reviews/<int:year>/", views.review, name="vision_review"),
    path("vision/<int:pk>/stewards/", views.stewards, name="vision_stewards"),
    path("vision/<int:pk>/stewards/<int:person_pk>/remove/", views.steward_remove, name="vision_steward_remove"),
    path("<str:key>/", views.vision_show, name="vision_area"),
    path("<str:key>/<str:code>/", views.vision_show, name="vision_municipality"),
]
