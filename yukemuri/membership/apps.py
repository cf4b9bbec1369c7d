from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    """Membership — 会員・利用・請求: a co-creation space's plans, members, visits at the desk and monthly invoices."""

    name = "yukemuri.membership"
    label = "membership"
    verbose_name = _("Space memberships")

    def ready(self):
        from yukemuri.core.personaldata import register_personal_data
        from yukemuri.space.rules import add_booking_gate

        from . import personaldata, rules  # (declares the permissions)

        # Members book the space's rooms and studio: space.book_facility asks this gate (space cannot import us).
        add_booking_gate(rules.members_book)

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("space_memberships", personaldata.space_memberships)
        register_personal_data("space_visits", personaldata.space_visits)
        register_personal_data("space_invoices", personaldata.space_invoices)
