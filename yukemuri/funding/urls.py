from django.urls import path

from . import views

urlpatterns = [
    path("ideas/<int:pk>/campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/payment/", views.campaign_payment, name="campaign_payment"),
    path("me/pledges/", views.my_pledges, name="my_pledges"),
    path("campaigns/<int:pk>/pledge/", views.pledge_new, name="pledge_new"),
    path("pledges/<int:pk>/confirm/", views.pledge_confirm, name="pledge_confirm"),
    path("pledges/<int:pk>/cancel/", views.pledge_cancel, name="pledge_cancel"),
]
