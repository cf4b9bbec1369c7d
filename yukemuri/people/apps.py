from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "yukemuri.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from yukemuri.core.pagecache import register_viewer_check
        from yukemuri.core.ratelimits import trust_roles

        from .models import Role
        from .rules import sees_more_than_a_resident

        # Coordinators, municipal staff and administrators act for the platform: rate limits do not count them.
        trust_roles(Role.COORDINATOR, Role.MUNICIPAL_STAFF, Role.ADMINISTRATOR)
        # Any role beyond resident may show more on a page than its holes: no shared signed-in pages for them.
        register_viewer_check(sees_more_than_a_resident)
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("profile", personaldata.profile)
        register_personal_data("consents", personaldata.consents)
