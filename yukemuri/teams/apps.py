from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "yukemuri.teams"
    label = "teams"
    verbose_name = _("Teams")

    def ready(self):
        from . import services  # noqa: F401  (connects the receiver that makes proposers team leads)
