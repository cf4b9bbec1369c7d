from django.urls import path

from . import views

urlpatterns = [
    path("", views.queue, name="translation_queue"),
    path("<str:key>/<int:pk>/<str:language>/", views.translation_edit, name="translation_edit"),
    path("<str:key>/<int:pk>/<str:language>/machine/", views.machine_draft, name="translation_machine_draft"),
]
