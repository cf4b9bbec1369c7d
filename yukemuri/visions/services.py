"""Writes of visions: one transaction each, every one recorded in the action stream."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import services as actions
from yukemuri.actions import verbs
from yukemuri.core.fiscal import current_fiscal_year
from yukemuri.core.permissions import require
from yukemuri.topics.models import Theme

from .models import Review, Revision, Steward, Update, Vision
from .selectors import prefill_text, review_prefill

STEWARDS_ONLY = "Only the vision's stewards — staff, coordinators and the people staff named — can do this."


def _stewards_only():
    return _(STEWARDS_ONLY)


def _revision_values(revision) -> dict:
    return {"title": revision.title, "body": revision.body,
            "themes": sorted(t.name for t in revision.themes.all()),
            "sdgs": sorted(g.number for g in revision.sdgs.all()),
            "issues": sorted(i.pk for i in revision.issues.all()),
            "ideas": sorted(i.pk for i in revision.ideas.all()),
            "series": sorted(s.pk for s in revision.series.all())}


def _publish(vision, *, by, title, body, note, themes, sdgs, issues, ideas, series) -> Revision:
    previous = Revision.objects.filter(vision=vision, number=vision.version).first()
    revision = Revision.objects.create(vision=vision, number=vision.version + 1, title=title.strip(), body=body,
                                       note=note.strip(), by=by)
    # Themes by name (the form's) become terms here, inside the write's transaction.
    revision.themes.set(Theme.objects.get_or_create_many(themes))
    revision.sdgs.set(sdgs)
    revision.issues.set(issues)
    revision.ideas.set(ideas)
    revision.series.set(series)
    if previous is not None and _revision_values(previous) == _revision_values(revision):
        raise ValidationError(_("Nothing changed: the new version would be the same as version %(n)d.")
                              % {"n": previous.number})
    vision.version = revision.number
    vision.updated_at = timezone.now()
    vision.save(update_fields=["version", "updated_at"])
    actions.record(actor=by, verb=verbs.VISION_REVISED, target=vision,
                   data={"version": revision.number, "title": revision.title, "note": revision.note})
    return revision


@transaction.atomic
def vision_create(*, by, area, municipality=None, title, body, note="", themes=(), sdgs=(), issues=(), ideas=(),
                  series=(), is_demo=False) -> Vision:
    """Start the vision of an area (or of a municipality in it) with its first version. Staff only; one vision
    per area and per municipality."""
    require(by, "visions.add_vision", message=_("Visions are started by municipal staff."))
    if municipality is not None and municipality.area_id != area.pk:
        raise ValidationError({"municipality": _("This municipality is not in the area.")})
    if Vision.objects.filter(area=area, municipality=municipality).exists():
        raise ValidationError(_("This place has a vision already: revise it instead."))
    vision = Vision.objects.create(area=area, municipality=municipality, is_demo=is_demo)
    _publish(vision, by=by, title=title, body=body, note=note or _("First version"), themes=themes, sdgs=sdgs,
             issues=issues, ideas=ideas, series=series)
    return vision


@transaction.atomic
def vision_revise(*, vision, by, title, body, note="", themes=(), sdgs=(), issues=(), ideas=(), series=()) -> Revision:
    """Publish the next version of a vision; every earlier version is kept. The vision row is locked so that two
    stewards saving at once get consecutive numbers. A version identical to the current one is refused."""
    require(by, "visions.steward", vision, _stewards_only())
    vision = Vision.objects.select_for_update().get(pk=vision.pk)
    return _publish(vision, by=by, title=title, body=body, note=note, themes=themes, sdgs=sdgs, issues=issues,
                    ideas=ideas, series=series)


@transaction.atomic
def steward_name(*, vision, by, person) -> Steward:
    require(by, "visions.name_steward", vision, _("Stewards are named by municipal staff."))
    if Steward.objects.filter(vision=vision, person=person).exists():
        raise ValidationError({"person": _("This person is a steward of the vision already.")})
    steward = Steward.objects.create(vision=vision, person=person, named_by=by)
    actions.record(actor=by, verb=verbs.VISION_STEWARD_NAMED, target=vision, data={"person": person.pk})
    return steward


@transaction.atomic
def steward_remove(*, vision, by, person) -> None:
    require(by, "visions.name_steward", vision, _("Stewards are named by municipal staff."))
    deleted, _rows = Steward.objects.filter(vision=vision, person=person).delete()
    if not deleted:
        raise ValidationError(_("This person is not a steward of the vision."))
    actions.record(actor=by, verb=verbs.VISION_STEWARD_REMOVED, target=vision, data={"person": person.pk})


@transaction.atomic
def update_write(*, vision, by, title, body, written_on=None) -> Update:
    """A dated follow-up of the vision, by one of its stewards; not dated in the future."""
    require(by, "visions.steward", vision, _stewards_only())
    written_on = written_on or timezone.localdate()
    if written_on > timezone.localdate():
        raise ValidationError({"written_on": _("An update tells what happened: it cannot be dated in the future.")})
    update = Update.objects.create(vision=vision, by=by, title=title.strip(), body=body, written_on=written_on)
    actions.record(actor=by, verb=verbs.VISION_UPDATE_WRITTEN, target=vision,
                   data={"update": update.pk, "title": update.title, "on": written_on.isoformat()})
    return update


def review_draft(vision, year: int) -> Review:
    """The review of `year` as it stands, or a new unsaved one prefilled from that year's stage changes."""
    review = Review.objects.filter(vision=vision, year=year).first()
    if review is not None:
        return review
    prefill = review_prefill(vision, year)
    moved, stalled = prefill_text(prefill)
    return Review(vision=vision, year=year, moved=moved, stalled=stalled, moved_count=len(prefill.moved),
                  stalled_count=len(prefill.stalled))


@transaction.atomic
def review_save(*, vision, by, year: int, moved: str, stalled: str, next_steps: str = "", publish=False) -> Review:
    """Save a steward's yearly review; `publish` makes it public (and a published one stays public when edited).
    The counts of ideas that moved and stalled come from the year's stage changes, not from the text."""
    require(by, "visions.steward", vision, _stewards_only())
    if not 2000 <= year <= current_fiscal_year():  # in January, the fiscal year is still last year's
        raise ValidationError({"year": _("Give a fiscal year from 2000 to this year.")})
    prefill = review_prefill(vision, year)
    review = Review.objects.select_for_update().filter(vision=vision, year=year).order_by("pk").first() or Review(
        vision=vision, year=year)
    before = {"moved": review.moved, "stalled": review.stalled, "next_steps": review.next_steps,
              "published": review.is_published}
    review.moved, review.stalled, review.next_steps = moved, stalled, next_steps
    review.moved_count, review.stalled_count = len(prefill.moved), len(prefill.stalled)
    review.by, review.updated_at = by, timezone.now()
    if publish and review.published_at is None:
        review.published_at = timezone.now()
    review.save()
    after = {"moved": moved, "stalled": stalled, "next_steps": next_steps, "published": review.is_published}
    verb = verbs.VISION_REVIEW_PUBLISHED if review.is_published else verbs.VISION_REVIEW_SAVED
    actions.record(actor=by, verb=verb, target=vision,
                   data={"year": year, "review": review.pk, **actions.diff(before, after)})
    return review
