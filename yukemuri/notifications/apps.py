from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "yukemuri.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from yukemuri.core.pagecache import register_hole

        from . import guests, receivers  # noqa: F401 — authors hear of comments on and supports of their posts
        from .selectors import unread_badge, unread_count

        # Notices are private (they do not move the page generation): the count is a hole of every page.
        register_hole("unread", states=lambda request, args: dict.fromkeys(args, unread_count(request.user)),
                      render=unread_badge)
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("notifications", personaldata.notifications)
        register_personal_data("notice_choices", personaldata.notice_choices)
        # Guests: whoever proves an address takes over what was done as a guest under it (guests.py).
        guests.connect()
