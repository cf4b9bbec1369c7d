from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListeningConfig(AppConfig):
    name = "yukemuri.listening"
    label = "listening"
    verbose_name = _("Broad listening")
