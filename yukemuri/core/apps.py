from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yukemuri.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from yukemuri.moderation.signals import visibility_changed

        from .pagecache import bump

        # Any write to what public pages show invalidates the anonymous page cache.
        for label in PUBLIC_APPS:
            for model in apps.get_app_config(label).get_models():
                post_save.connect(bump, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
                post_delete.connect(bump, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
        m2m_changed.connect(bump, dispatch_uid="pagecache-m2m")
        visibility_changed.connect(bump, dispatch_uid="pagecache-visibility")


PUBLIC_APPS = [
    "topics", "regions", "people", "organisations", "issues", "ideas", "events", "workshops", "teams", "funding",
    "startups", "kpi",
]
