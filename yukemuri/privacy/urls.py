from django.urls import path

from . import views

me_patterns = [
    path("", views.my_data, name="my_data"),
    path("request/", views.export_request, name="my_data_request"),
    path("<int:pk>/download/", views.export_download, name="my_data_download"),
    path("consents/", views.recipient_consent, name="my_data_recipient_consent"),
]
