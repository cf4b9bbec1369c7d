from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.attachment_file, name="attachment_file"),
    path("<int:pk>/thumbnail/", views.attachment_thumbnail, name="attachment_thumbnail"),
    path("<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("<int:pk>/hide/", views.attachment_hide, name="attachment_hide"),
    path("<int:pk>/restore/", views.attachment_restore, name="attachment_restore"),
    path("add/<slug:key>/<int:object_id>/", views.attachment_add, name="attachment_add"),
]
