from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Consultations — 相談業務: coordinators' slots at a co-creation space, bookings with an intake, notes, hand-offs."""

    name = "yukemuri.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from . import rules  # noqa: F401  (declare the permissions)
