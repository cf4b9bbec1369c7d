from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure every app builds on; it imports no domain app (docs/decisions/0010-layers.md)."""

    name = "yukemuri.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import pre_save

        from . import csrf, lookups
        from .text import strip_bidi_before_save

        csrf.install()  # CSRF secrets and masks from one read of the system's randomness (core/csrf.py)
        lookups.install()  # `pk__in` with an id too large for the database matches nothing (core/lookups.py)

        # No text of ours is stored with bidi controls (names, titles, statements …): one place for every app.
        for config in apps.get_app_configs():
            if config.name.startswith("yukemuri."):
                for model in config.get_models():
                    pre_save.connect(strip_bidi_before_save, sender=model,
                                     dispatch_uid=f"strip-bidi-{model._meta.label}")
