from django.urls import path

from . import views

urlpatterns = [
    path("", views.event_index, name="event_list"),
    path("new/", views.event_new, name="event_new"),
    path("<int:pk>/", views.event_show, name="event_detail"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/register/", views.event_register, name="event_register"),
    path("<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/check-in/", views.event_check_in, name="event_check_in"),
    path("<int:pk>/attendance.csv", views.attendance_csv, name="event_attendance_csv"),
    path("<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("areas/<int:pk>/calendar.ics", views.area_ics, name="area_ics"),
    path("tickets/<str:secret>/", views.ticket, name="ticket"),
]
