from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "yukemuri.actions"
    label = "actions"
    verbose_name = _("Actions")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the receivers of action_committed)
