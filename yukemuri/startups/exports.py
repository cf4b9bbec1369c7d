"""The registry as open data: one CSV row per startup."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CSV_HEADER = [
    _("ID"), _("Name"), _("Stage"), _("Field of business"), _("Local government code"), _("Municipality"),
    _("Area"), _("Founded on"), _("Money raised (yen, public rounds)"), pgettext_lazy("startup support", "Programmes"),
    _("Latest update"), _("Website"), _("Page"), _("Verified"), _("Demo"),
]


def _programmes(startup) -> str:
    return " / ".join(f"{p.programme.name} ({p.year}, {p.get_outcome_display()})" for p in startup.participations.all())


def csv_row(startup, base_url: str) -> list:
    """`startup` comes from selectors.startup_list() (annotated and prefetched)."""
    organisation = startup.organisation
    municipality = organisation.municipality
    return [
        startup.pk, organisation.name, startup.get_stage_display(), startup.get_sector_display(),
        municipality.code if municipality else "", municipality.name if municipality else "",
        municipality.area.name if municipality and municipality.area else "",
        startup.founded_on.isoformat() if startup.founded_on else "", startup.raised, _programmes(startup),
        startup.last_update.isoformat() if startup.last_update else "", organisation.website,
        base_url + reverse("startup_detail", args=[startup.pk]),
        1 if organisation.verified else 0, 1 if organisation.is_demo else 0,
    ]
