from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "yukemuri.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from . import receivers  # noqa: F401 — the notices of suggestions and answers, after commit
