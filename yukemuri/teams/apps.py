from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "yukemuri.teams"
    label = "teams"
    verbose_name = _("Teams")

    def ready(self):
        from yukemuri.ideas import stages

        from . import (
            receivers,  # noqa: F401  (the notices of applications, invitations, answers and joins, after commit)
            selectors,
            services,  # noqa: F401  (connects the receiver that makes proposers team leads)
        )

        stages.provide(teams=selectors)  # an idea's team, for its stage rules and page (ideas imports no teams)
