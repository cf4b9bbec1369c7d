from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "yukemuri.support"
    label = "support"
    verbose_name = _("Assisted participation")

    def ready(self):
        from . import rules  # noqa: F401  (declare the permissions)
