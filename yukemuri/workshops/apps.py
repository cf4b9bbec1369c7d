from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "yukemuri.workshops"
    label = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from yukemuri.events import selectors as events

        from . import selectors

        events.provide_produced_by(selectors.produced_by)  # a session's page shows what it produced
