from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """翻訳 — translations of what people write: by its authors, by volunteers, or drafted by a machine.

    A low layer (right above moderation, docs/decisions/0025-translations-of-posts.md): it knows posts only as
    (key, id), and each content app offers its text through `translations.registry` in its ready()."""

    name = "yukemuri.translations"
    label = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from django.urls import reverse
        from django.utils.text import Truncator

        from yukemuri.moderation import registry as moderation

        from . import rules  # noqa: F401 — declares the permissions
        from .models import Translation

        # Translations are moderated like posts: reported, held, hidden (moderation/registry.py).
        moderation.register(
            Translation, key="translation",
            url=lambda t: reverse("translation_edit", args=[t.key, t.object_id, t.language]),
            excerpt=lambda t: Truncator(t.title or t.body).chars(80),
        )
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; a person's translations are theirs.
        register_personal_data("translations", personaldata.translations)
