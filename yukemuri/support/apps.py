from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "yukemuri.support"
    label = "support"
    verbose_name = _("Assisted participation")

    def ready(self):
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata, rules  # noqa: F401  (declare the permissions)

        # "Download your data" (privacy) asks each app for its part: what was entered for me, and how I agreed.
        register_personal_data("assisted_registration", personaldata.assisted_registration)
        register_personal_data("assisted_entries", personaldata.assisted_entries)
