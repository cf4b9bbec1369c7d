from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    """地図 (issue 20): what the lists show, on municipality boundaries drawn as SVG on the server."""

    name = "yukemuri.maps"
    label = "maps"
    verbose_name = _("Map")
