from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TiesConfig(AppConfig):
    name = "yukemuri.ties"
    label = "ties"
    verbose_name = _("People tied to a place")

    def ready(self):
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("ties", personaldata.ties)
        register_personal_data("tie_residence", personaldata.tie_residence)
