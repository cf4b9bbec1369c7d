from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Operations — 運営ダッシュボード: the operator's figures of a co-creation space (members, visits, rooms, money)."""

    name = "yukemuri.operations"
    label = "operations"
    verbose_name = _("Space operations")

    def ready(self):
        from . import rules  # noqa: F401  (declare the permissions)
