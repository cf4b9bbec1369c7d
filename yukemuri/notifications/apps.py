from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "yukemuri.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from yukemuri.core.pagecache import register_hole

        from . import guests, receivers  # noqa: F401 — authors hear of comments on and supports of their posts
        from .models import NOTICES_VERSION, Notification, notices_changed
        from .selectors import unread_badge, unread_count

        # Notices are private (they do not move the page generation): the count is a hole of every page, kept
        # per person under a version that every write of notices moves (the queryset's bulk writes, and these).
        register_hole("unread", states=lambda request, args: dict.fromkeys(args, unread_count(request.user)),
                      render=unread_badge, version=NOTICES_VERSION)
        post_save.connect(notices_changed, sender=Notification, dispatch_uid="pagecache-notices-save")
        post_delete.connect(notices_changed, sender=Notification, dispatch_uid="pagecache-notices-delete")
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("notifications", personaldata.notifications)
        register_personal_data("notice_choices", personaldata.notice_choices)
        # Guests: whoever proves an address takes over what was done as a guest under it (guests.py).
        guests.connect()
