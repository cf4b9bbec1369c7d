from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "yukemuri.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata, receivers, services  # noqa: F401 — the receivers: a leaving person's seats, guests' tickets claimed

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("registrations", personaldata.registrations)
        receivers.connect()  # guest registrations are claimed through the shared guest mechanism
