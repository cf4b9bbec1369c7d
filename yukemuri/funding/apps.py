from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "yukemuri.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self):
        from yukemuri.ideas import stages

        from . import (
            receivers,  # noqa: F401  (the supporters and followers hear how a campaign ended, after commit)
            selectors,
        )

        stages.provide(funding=selectors)  # an idea's campaigns, for its stage rules and page (ideas imports no funding)
