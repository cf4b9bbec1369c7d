from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    """写真・添付ファイル — photos and files on posts (issues, ideas, help requests).

    A low layer (right above translations, docs/decisions/0037-photos-and-files.md): it knows posts only as
    (key, id), and each content app registers its posts through `attachments.registry` in its ready()."""

    name = "yukemuri.attachments"
    label = "attachments"
    verbose_name = _("Photos and files")

    def ready(self):
        from . import rules  # noqa: F401 — declares the permissions
