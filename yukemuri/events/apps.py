from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "yukemuri.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from . import receivers, services  # noqa: F401 — the receivers: a leaving person's seats, guests' tickets claimed
