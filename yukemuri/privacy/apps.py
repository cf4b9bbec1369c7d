from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "yukemuri.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from yukemuri.core.personaldata import register_personal_data

        from . import collect

        register_personal_data("data_access", collect.data_access)
        register_personal_data("recipient_consents", collect.recipient_consents)
