from django.urls import path

from . import views

urlpatterns = [
    path("", views.slots, name="consultation_slots"),
    path("mine/", views.mine, name="consultation_mine"),
    path("coordinator/", views.coordinator, name="consultation_coordinator"),
    path("slots/<int:pk>/book/", views.book, name="consultation_book"),
    path("slots/<int:pk>/withdraw/", views.slot_withdraw, name="consultation_slot_withdraw"),
    path("<int:pk>/", views.detail, name="consultation_detail"),
    path("<int:pk>/cancel/", views.cancel, name="consultation_cancel"),
    path("s/<slug:slug>/", views.caseload, name="consultation_caseload"),
    path("s/<slug:slug>/coordinators/", views.coordinators, name="consultation_coordinators"),
]
