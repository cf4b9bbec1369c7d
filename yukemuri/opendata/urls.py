from django.urls import path
from django.views.generic import RedirectView

# Placeholder until the open-data views land (the helper owning this file replaces it).
urlpatterns = [path("", RedirectView.as_view(url="/api/v1/docs"), name="opendata_index")]
