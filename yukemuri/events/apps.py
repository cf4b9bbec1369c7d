from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "yukemuri.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from yukemuri.core.personaldata import register_personal_data
        from yukemuri.translations import registry as translations

        from . import personaldata, receivers, services  # noqa: F401 — the receivers: a leaving person's seats, guests' tickets claimed
        from .models import Event

        translations.register(Event, key="event", label=lambda: _("Event"), body_field="description",
                              url=lambda o: reverse("event_detail", args=[o.pk]), public=Event.objects.all,
                              author_id=lambda o: o.created_by_id, detail_url_name="event_detail")
        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("registrations", personaldata.registrations)
        receivers.connect()  # guest registrations are claimed through the shared guest mechanism
