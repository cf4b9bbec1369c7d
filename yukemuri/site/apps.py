from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site above the domain apps: base templates and tags, home and error pages, the page cache's receivers
    (docs/decisions/0010-layers.md)."""

    name = "yukemuri.site"
    label = "site"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from yukemuri.core.pagecache import bump
        from yukemuri.moderation.signals import visibility_changed

        # Any write to what public pages show invalidates the anonymous page cache: every model of every
        # yukemuri app, unless listed as private below — a new app or model cannot be forgotten.
        for model in public_models():
            post_save.connect(bump_on_save, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
        m2m_changed.connect(bump, dispatch_uid="pagecache-m2m")
        visibility_changed.connect(bump, dispatch_uid="pagecache-visibility")
        from yukemuri.core import similar

        from .similar import find_similar

        similar.provide(find_similar)  # the issue and idea forms ask core.similar (issue 20)


def bump_on_save(sender, update_fields=None, **kwargs):
    """Every save of a public model moves the page generation on, but a login's (the time of the last login,
    which no page shows): otherwise each login would empty the cache for everyone."""
    from yukemuri.core.pagecache import bump

    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    bump(**kwargs)


# Models no public page shows, so writing them needs not empty the anonymous page cache (checked by
# core/tests/test_pagecache.py::test_every_model_invalidates_the_page_cache_or_is_listed_private).
PRIVATE_MODELS = {
    "notifications.Notification",  # a person's own notices, only shown signed in
    "notifications.OutgoingEmail",
    "moderation.Report",  # reports wait for moderators; what they decide is a visibility_changed signal
    "translations.ReadCount",  # read counts, flushed from the cache: only the translators' queue orders by them
    "demo.DemoRecord",
    "actions.Action",  # read by staff and each person; its receiver empties the cache for public verbs
    "privacy.DataExport",  # a person's own data, exports, access log and consents: only on their /me/data/
    "privacy.AccessRecord",
    "privacy.RecipientConsent",
    "communities.JoinRequest",  # for the person and the organisers only
    "communities.Announcement",  # for the members only
    "communities.ThreadPost",  # the members-only thread; hiding one is a visibility_changed signal
}


def public_models():
    """Every model of every yukemuri app that is not listed in PRIVATE_MODELS."""
    from django.apps import apps

    return [model for config in apps.get_app_configs() if config.name.startswith("yukemuri.")
            for model in config.get_models() if model._meta.label not in PRIVATE_MODELS]
