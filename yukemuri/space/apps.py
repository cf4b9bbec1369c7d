from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpaceConfig(AppConfig):
    """Space — 共創スペース: co-creation spaces such as NETSUGEN, their facilities, hours and bookings."""

    name = "yukemuri.space"
    label = "space"
    verbose_name = _("Co-creation spaces")

    def ready(self):
        from . import rules  # noqa: F401  (declare the permissions)
