"""Reads of the startup registry, joined for the page that shows them."""

from django.db.models import BigIntegerField, Max, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from yukemuri.core.models import Visibility
from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import organisations_of

from .models import FundingRound, Participation, ProgressUpdate, Startup


def _raised():
    """Sum of the startup's public rounds, as a correlated subquery: unlike a join it cannot be
    multiplied by other joins (programmes) the filters add."""
    total = (FundingRound.objects.filter(startup=OuterRef("pk"), is_public=True).order_by()
             .values("startup").annotate(total=Sum("amount_yen")).values("total"))
    return Coalesce(Subquery(total, output_field=BigIntegerField()), Value(0), output_field=BigIntegerField())


def _last_update():
    latest = (ProgressUpdate.objects.filter(startup=OuterRef("pk"), visibility=Visibility.PUBLISHED).order_by()
              .values("startup").annotate(latest=Max("date")).values("latest"))
    return Subquery(latest)


def startup_list():
    """Every startup with its organisation and place, `raised` (yen, public rounds only) and
    `last_update` (date of its latest update) — one query — and its programmes (one more)."""
    return (
        Startup.objects.select_related("organisation__municipality__area")
        .annotate(raised=_raised(), last_update=_last_update())
        .prefetch_related(Prefetch("participations", queryset=Participation.objects.select_related("programme")))
    )


def total_raised(startups) -> int:
    """The money a (filtered) list of startups raised in public rounds, in yen (one query)."""
    return _sum_public(FundingRound.objects.filter(startup__in=startups.order_by().values("pk")))


def money_raised(startup) -> int:
    """What one startup raised in public rounds, in yen (one query)."""
    return _sum_public(FundingRound.objects.filter(startup=startup))


def _sum_public(rounds) -> int:
    total = rounds.filter(is_public=True).aggregate(
        total=Coalesce(Sum("amount_yen"), Value(0), output_field=BigIntegerField()))["total"]
    return int(total)


def startup_detail(pk: int):
    return startup_list().filter(pk=pk).first()


def rounds_of(startup, *, include_private: bool):
    rounds = FundingRound.objects.filter(startup=startup)
    return rounds if include_private else rounds.filter(is_public=True)


def updates_of(startup):
    return (ProgressUpdate.objects.filter(startup=startup, visibility=Visibility.PUBLISHED)
            .select_related("author"))


def startup_of_organisation(organisation):
    """The registry entry of an organisation, or None (for the organisation's page)."""
    return startup_list().filter(organisation=organisation).first()


def registrable_organisations(person):
    """Startup organisations not yet in the registry that `person` may register."""
    candidates = Organisation.objects.filter(kind=Organisation.Kind.STARTUP, startup__isnull=True)
    if not person.has_perm("startups.manage_programmes"):
        candidates = candidates.filter(pk__in=organisations_of(person).values("pk"))
    return candidates.select_related("municipality").order_by("name")


def first_participation_years() -> dict[int, int]:
    """{year: startups whose first programme participation was that year} (支援起業家数, for kpi)."""
    from django.db.models import Min

    firsts = Participation.objects.values("startup_id").annotate(first=Min("year")).values_list("first", flat=True)
    counts: dict[int, int] = {}
    for year in firsts:
        counts[year] = counts.get(year, 0) + 1
    return counts
