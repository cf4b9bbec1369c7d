from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "yukemuri.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from . import receivers  # noqa: F401  (listens to the action stream)
