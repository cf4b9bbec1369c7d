"""Services for the startup registry. Each checks who may act (rules.py) and the rule it keeps."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.core.money import check_yen
from yukemuri.core.permissions import require
from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import organisation_create

from .models import FundingRound, Participation, Programme, ProgressUpdate, Startup
from .signals import progress_posted, round_added


def _check_choice(value, choices, field):
    if value not in choices.values:
        raise ValidationError({field: _("Choose a value from the list.")})


def _not_in_future(day: dt.date | None, field: str):
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _check_profile(*, stage, sector, founded_on):
    _check_choice(stage, Startup.Stage, "stage")
    _check_choice(sector, Startup.Sector, "sector")
    _not_in_future(founded_on, "founded_on")


@transaction.atomic
def startup_register(*, organisation: Organisation, by, sector: str, stage: str = Startup.Stage.IDEA,
                     pitch: str = "", founded_on: dt.date | None = None) -> Startup:
    """Put an organisation of kind startup in the registry, once; its members or stewards may."""
    require(by, "startups.register_startup", organisation,
             _("Only members of the startup, coordinators and staff can register it."))
    if organisation.kind != Organisation.Kind.STARTUP:
        raise ValidationError({"organisation": _("Only organisations of kind “startup” can be registered.")})
    if Startup.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This startup is in the registry already.")})
    _check_profile(stage=stage, sector=sector, founded_on=founded_on)
    return Startup.objects.create(organisation=organisation, stage=stage, sector=sector, pitch=pitch.strip(),
                                  founded_on=founded_on)


@transaction.atomic
def startup_create(*, name: str, by, sector: str, municipality=None, stage: str = Startup.Stage.IDEA,
                   pitch: str = "", founded_on: dt.date | None = None, description: str = "", website: str = "",
                   is_demo: bool = False) -> Startup:
    """Found a new organisation of kind startup (its creator becomes its administrator) and register it."""
    organisation = organisation_create(name=name, kind=Organisation.Kind.STARTUP, creator=by,
                                       municipality=municipality, description=description, website=website,
                                       is_demo=is_demo)
    return startup_register(organisation=organisation, by=by, sector=sector, stage=stage, pitch=pitch,
                            founded_on=founded_on)


@transaction.atomic
def startup_update(*, startup: Startup, by, stage: str, sector: str, pitch: str = "",
                   founded_on: dt.date | None = None) -> Startup:
    """Change the profile (stage, field, pitch, founding date): members of the startup or stewards."""
    require(by, "startups.change_startup", startup, _("You cannot change this startup."))
    _check_profile(stage=stage, sector=sector, founded_on=founded_on)
    startup.stage, startup.sector, startup.pitch, startup.founded_on = stage, sector, pitch.strip(), founded_on
    startup.save()
    return startup


@transaction.atomic
def funding_round_add(*, startup: Startup, by, date: dt.date, amount_yen: int, kind: str, source: str = "",
                      is_public: bool = True) -> FundingRound:
    """Record money raised. Amounts are whole yen (int, never float); only public rounds count in totals."""
    require(by, "startups.change_startup", startup, _("You cannot change this startup."))
    check_yen(amount_yen, field="amount_yen")
    _check_choice(kind, FundingRound.Kind, "kind")
    _not_in_future(date, "date")
    funding_round = FundingRound.objects.create(startup=startup, date=date, amount_yen=amount_yen, kind=kind,
                                                source=source.strip(), is_public=is_public, created_by=by)
    transaction.on_commit(lambda: round_added.send(sender=FundingRound, funding_round=funding_round))
    return funding_round


@transaction.atomic
def funding_round_delete(*, funding_round: FundingRound, by) -> None:
    """Remove a round entered by mistake (same people who may add one)."""
    require(by, "startups.change_startup", funding_round.startup, _("You cannot change this startup."))
    funding_round.delete()


@transaction.atomic
def progress_post(*, startup: Startup, by, text: str, date: dt.date | None = None) -> ProgressUpdate:
    """Post a progress update (Markdown, sanitised when rendered); members of the startup or stewards."""
    require(by, "startups.change_startup", startup, _("You cannot change this startup."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what happened.")})
    date = date or timezone.localdate()
    _not_in_future(date, "date")
    update = ProgressUpdate.objects.create(startup=startup, date=date, text=text, author=by)
    transaction.on_commit(lambda: progress_posted.send(sender=ProgressUpdate, update=update))
    return update


@transaction.atomic
def progress_delete(*, update: ProgressUpdate, by) -> None:
    require(by, "startups.change_startup", update.startup, _("You cannot change this startup."))
    update.delete()


@transaction.atomic
def programme_create(*, by, name: str, kind: str, fiscal_year: int, description: str = "") -> Programme:
    """Add a programme (施策) of a fiscal year; coordinators and staff only."""
    require(by, "startups.manage_programmes", None, _("Only coordinators and staff manage programmes."))
    _check_choice(kind, Programme.Kind, "kind")
    if Programme.objects.filter(name=name.strip(), fiscal_year=fiscal_year).exists():
        raise ValidationError({"name": _("This programme exists already for that fiscal year.")})
    return Programme.objects.create(name=name.strip(), kind=kind, fiscal_year=fiscal_year,
                                    description=description.strip())


@transaction.atomic
def participation_set(*, startup: Startup, programme: Programme, by, year: int,
                      outcome: str = Participation.Outcome.PARTICIPATED, note: str = "") -> Participation:
    """Record (or correct) that a startup joined a programme. It is the programme's own record of
    whom it selected (採択), so only stewards write it, not the startup itself."""
    require(by, "startups.manage_programmes", None, _("Only coordinators and staff record programme results."))
    _check_choice(outcome, Participation.Outcome, "outcome")
    if not programme.fiscal_year - 1 <= year <= programme.fiscal_year + 1:
        raise ValidationError({"year": _("The year joined must be close to the programme’s fiscal year.")})
    participation, _created = Participation.objects.update_or_create(
        startup=startup, programme=programme, defaults={"year": year, "outcome": outcome, "note": note.strip()},
    )
    return participation
