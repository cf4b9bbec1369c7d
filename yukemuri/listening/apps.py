from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListeningConfig(AppConfig):
    name = "yukemuri.listening"
    label = "listening"
    verbose_name = _("Broad listening")

    def ready(self):
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("listening_participation", personaldata.listening_participation)
        register_personal_data("listening_votes", personaldata.listening_votes)
        register_personal_data("listening_statements", personaldata.listening_statements)
        from . import guests

        guests.connect()  # statements by guests, confirmed by an e-mail link (notifications/guests.py)
