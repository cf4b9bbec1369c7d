from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "yukemuri.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from yukemuri.core.pagecache import register_viewer_check

        from .models import Membership

        # Members of an organisation may organise events and act for its posts: no shared signed-in pages.
        register_viewer_check(lambda user: Membership.objects.filter(person=user).exists())
