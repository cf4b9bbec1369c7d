from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgsildConfig(AppConfig):
    """NGSI-LD — the read-only NGSI-LD API and the push of changed entities to a broker (データ連携基盤)."""

    name = "yukemuri.ngsild"
    label = "ngsild"
    verbose_name = _("NGSI-LD")

    def ready(self):
        from . import receivers

        receivers.connect()
