from django.urls import path

from . import views

# /space/ is the co-creation spaces' (NETSUGEN); /facilities/ is the 公共施設一覧 open data — names differ too.
urlpatterns = [
    path("", views.index, name="space_index"),
    path("<int:pk>/", views.facility_week, name="space_facility"),
    path("<int:pk>/edit/", views.facility_edit, name="space_facility_edit"),
    path("<int:pk>/photo/", views.facility_photo, name="space_facility_photo"),
    path("s/<slug:slug>/facilities/new/", views.facility_new, name="space_facility_new"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="space_booking_cancel"),
    path("s/<slug:slug>/bookings/", views.space_bookings, name="space_bookings"),
    path("s/<slug:slug>/hours/", views.hours_edit, name="space_hours_edit"),
    path("s/<slug:slug>/closures/new/", views.closure_new, name="space_closure_new"),
    path("s/<slug:slug>/calendar.ics", views.space_ics, name="space_ics"),
]
