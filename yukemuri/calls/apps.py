from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    """Calls — 公募: market soundings (サウンディング) and calls for private proposals (民間提案)."""

    name = "yukemuri.calls"
    label = "calls"
    verbose_name = _("Calls for proposals")

    def ready(self):
        from . import rules  # noqa: F401  (declare the permissions)
