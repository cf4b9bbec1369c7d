from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    """公共施設 — the public facilities of the prefecture and its municipalities (自治体標準オープンデータセット)."""

    name = "yukemuri.facilities"
    label = "facilities"
    verbose_name = _("Public facilities")
