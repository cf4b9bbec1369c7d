from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    """Membership — 会員・利用・請求: a co-creation space's plans, members, visits at the desk and monthly invoices."""

    name = "yukemuri.membership"
    label = "membership"
    verbose_name = _("Space memberships")

    def ready(self):
        from . import rules  # noqa: F401  (declare the permissions)
