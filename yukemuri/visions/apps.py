from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionsConfig(AppConfig):
    name = "yukemuri.visions"
    verbose_name = _("Area visions")

    def ready(self):
        from . import rules  # noqa: F401  (registers the permissions)
