"""Writes of the indicators: values entered by staff (with provenance), target revisions and PDCA notes, each in
one transaction with its recorded action; and the values the platform computes (kpi/compute.py)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require

from .models import IndicatorTarget, IndicatorValue, PdcaNote, TargetRevision

MAX_FILE_BYTES = 5 * 1024 * 1024
FILE_KINDS = {  # extension → how the file starts (PDF and XLSX have magic numbers; CSV must be UTF-8 text)
    "pdf": b"%PDF-",
    "xlsx": b"PK\x03\x04",
    "csv": None,
}


def check_file(name: str, data: bytes) -> None:
    """An evidence file: CSV, PDF or XLSX, at most 5 MB, and its content must be what its name says."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FILE_KINDS:
        raise ValidationError({"file": _("Attach a CSV, PDF or XLSX file.")})
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    magic = FILE_KINDS[extension]
    if magic is not None and not data.startswith(magic):
        raise ValidationError({"file": _("The file is not what its name says.")})
    if magic is None:
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": _("A CSV file must be UTF-8 text.")}) from None


def value_enter(*, indicator, by, year: int, value, source: str, split: str = "", area: str = "",
                file_name: str = "", file_data: bytes | None = None) -> IndicatorValue:
    """Staff enter a value with where it comes from; a computed indicator's values come from the platform."""
    require(by, "kpi.enter")
    if indicator.method == indicator.Method.COMPUTED:
        raise ValidationError(_("The platform computes this indicator's values."))
    if not source.strip():
        raise ValidationError({"source": _("Say where the value comes from.")})
    if file_data is not None:
        check_file(file_name, file_data)
    row = IndicatorValue(indicator=indicator, year=year, value=value, source=source.strip(), split=split.strip(),
                         area=area.strip(), entered_by=by, entered_at=timezone.now(),
                         file_name=file_name if file_data is not None else "", file_data=file_data)
    row.full_clean()
    with transaction.atomic():
        row.save()
        action_record(actor=by, verb=verbs.KPI_VALUE_ENTERED, target=indicator,
                      data={"value": row.pk, "year": year, "split": row.split, "area": row.area,
                            "amount": str(row.value), "file": bool(row.file_name)})
    return row


def target_revise(*, target: IndicatorTarget, by, value, reason: str, revised_on: date | None = None) -> TargetRevision:
    """A target changes: the old and new values, the date and the reason are kept."""
    require(by, "kpi.enter")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the target changes.")})
    with transaction.atomic():
        target = IndicatorTarget.objects.select_for_update().get(pk=target.pk)
        if target.value == value:
            raise ValidationError({"value": _("The target already has this value.")})
        revision = TargetRevision.objects.create(target=target, old_value=target.value, new_value=value,
                                                 revised_on=revised_on or timezone.localdate(),
                                                 reason=reason.strip(), by=by)
        target.value = value
        target.save(update_fields=["value"])
        action_record(actor=by, verb=verbs.KPI_TARGET_REVISED, target=target.indicator,
                      data={"target": target.pk, "old": None if revision.old_value is None else str(revision.old_value),
                            "new": None if value is None else str(value)})
    return revision


def note_write(*, indicator, by, year: int, assessment: str, cause: str = "", next_action: str = "") -> PdcaNote:
    """The PDCA note of a year: written, or rewritten (one per indicator and year)."""
    require(by, "kpi.enter")
    if not assessment.strip():
        raise ValidationError({"assessment": _("Write the assessment.")})
    with transaction.atomic():
        note, created = PdcaNote.objects.select_for_update().get_or_create(
            indicator=indicator, year=year,
            defaults={"assessment": assessment, "cause": cause, "next_action": next_action, "written_by": by})
        if not created:
            note.assessment, note.cause, note.next_action = assessment, cause, next_action
            note.written_by, note.updated_at = by, timezone.now()
            note.save()
        action_record(actor=by, verb=verbs.KPI_NOTE_WRITTEN, target=indicator,
                      data={"year": year, "created": created})
    return note


def computed_store(indicator, rows: list[tuple[int, str, str, object]]) -> int:
    """Replace the platform's values of a computed indicator by `rows` (year, split, area, value): computing twice
    gives the same rows. Not an action under authority (the platform counts its own data), so nothing recorded."""
    with transaction.atomic():
        IndicatorValue.objects.filter(indicator=indicator, computed=True).delete()
        IndicatorValue.objects.bulk_create([
            IndicatorValue(indicator=indicator, year=year, split=split, area=area, value=value, computed=True,
                           source="yukemuri")
            for year, split, area, value in rows])
    return len(rows)


def load_indicators() -> int:
    """Load seed 001's KPIs and the platform's own indicators (kpi/seed001.py), and the event kinds they count;
    idempotent. An indicator that exists keeps what staff changed (targets revised, goals filled in): only
    missing rows are added, SDG goals and targets only where no goal is set yet (a load before goals were
    read from the seed), and a KPI the platform now counts turns computed only while nobody has entered a value
    of it."""
    from decimal import Decimal

    from yukemuri.events.services import kind_ensure

    from .models import Baseline, Indicator
    from .seed001 import BY_AREA, EVENT_KINDS, INDICATORS, PLATFORM, SDG_GOALS

    created = 0
    with transaction.atomic():
        for slug, name, name_en in EVENT_KINDS:
            kind_ensure(slug=slug, name=name, name_en=name_en)
        for (number, slug, name, name_en, unit, sdg_targets, computed, cumulative, baselines, targets,
             source) in INDICATORS:
            method = Indicator.Method.COMPUTED if computed else Indicator.Method.ENTERED
            indicator, new = Indicator.objects.get_or_create(slug=slug, defaults={
                "number": number, "name": name, "name_en": name_en, "unit": unit, "sdg_targets": sdg_targets,
                "sdg_goals": SDG_GOALS.get(number, ""), "method": method, "cumulative": cumulative,
                "by_area": slug in BY_AREA, "source": source, "sort_order": number})
            created += new
            if not new:
                _upgrade(indicator, sdg_goals=SDG_GOALS.get(number, ""), sdg_targets=sdg_targets, method=method,
                         by_area=slug in BY_AREA, source=source)
            for split, year, value in baselines:
                Baseline.objects.get_or_create(indicator=indicator, split=split, defaults={
                    "year": year, "value": None if value is None else Decimal(value)})
            for split, year, value, comparison, words in targets:
                IndicatorTarget.objects.get_or_create(indicator=indicator, split=split, year=year, defaults={
                    "value": None if value is None else Decimal(value), "comparison": comparison,
                    "qualitative": words})
        for number, slug, name, name_en, unit in PLATFORM:
            _indicator, new = Indicator.objects.get_or_create(slug=slug, defaults={
                "number": 0, "name": name, "name_en": name_en, "unit": unit, "method": Indicator.Method.COMPUTED,
                "by_area": slug != "points-issued", "source": "yukemuri", "sort_order": number})
            created += new
    return created


def _upgrade(indicator, *, sdg_goals, sdg_targets, method, by_area, source) -> None:
    """What an earlier load left out: the goals (never set before), and the platform's counting of a KPI that
    nobody has entered a value of."""
    changed = []
    if not indicator.sdg_goals and sdg_goals:
        indicator.sdg_goals, indicator.sdg_targets = sdg_goals, sdg_targets
        changed += ["sdg_goals", "sdg_targets"]
    if (method == indicator.Method.COMPUTED and indicator.method != method
            and not indicator.values.filter(computed=False).exists()):
        indicator.method, indicator.by_area, indicator.source = method, by_area, source
        changed += ["method", "by_area", "source"]
    if changed:
        indicator.save(update_fields=changed)
