from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartupsConfig(AppConfig):
    name = "yukemuri.startups"
    label = "startups"
    verbose_name = _("Startups")

    def ready(self):
        from django.utils.text import Truncator

        from yukemuri.moderation import registry

        from .models import ProgressUpdate

        # Updates are text anyone can read, so anyone signed in can report them.
        registry.register(ProgressUpdate, key="startup_update", url=lambda o: o.get_absolute_url(),
                          excerpt=lambda o: Truncator(o.text).chars(80))
