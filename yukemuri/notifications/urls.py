from django.urls import path

from . import views

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("settings/", views.notification_settings, name="notification_settings"),
    path("read/", views.notification_read, name="notifications_read"),
    path("stop-emails/<str:token>/", views.digest_unsubscribe, name="digest_unsubscribe"),
]
