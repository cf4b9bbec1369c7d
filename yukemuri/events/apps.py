from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "yukemuri.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from . import services  # noqa: F401 — connects the receiver that frees a leaving person's seats
