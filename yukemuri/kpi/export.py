"""Every indicator as plain data: the JSON download, the API and the CSV share these rows."""

from decimal import Decimal

from .compute import RULES
from .progress import progress_of
from .selectors import values_of


def number(value: Decimal | None):
    """A decimal as JSON: an int when whole, else a float (values carry at most four decimals)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_data(indicator) -> dict:
    values = values_of(indicator)
    return {
        "slug": indicator.slug, "number": indicator.number or None, "name": indicator.name,
        "name_en": indicator.name_en, "unit": indicator.unit, "sdg_goals": indicator.sdg_goals,
        "sdg_targets": indicator.sdg_targets, "source": indicator.source, "method": indicator.method,
        "cumulative": indicator.cumulative, "by_area": indicator.by_area, "fiscal_years": indicator.fiscal_years,
        "rule": str(RULES.get(indicator.slug, "")),
        "baselines": [{"split": b.split, "year": b.year, "value": number(b.value)} for b in indicator.baselines.all()],
        "targets": [{"split": t.split, "year": t.year, "value": number(t.value), "comparison": t.comparison,
                     "qualitative": t.qualitative,
                     "revisions": [{"old_value": number(r.old_value), "new_value": number(r.new_value),
                                    "revised_on": r.revised_on.isoformat(), "reason": r.reason}
                                   for r in t.revisions.all()]} for t in indicator.targets.all()],
        "values": [{"year": v.year, "split": v.split, "area": v.area, "value": number(v.value), "source": v.source,
                    "computed": v.computed, "entered_at": v.entered_at.isoformat(), "has_file": bool(v.file_name)}
                   for v in values],
        "progress": [{"split": p.split, "status": p.status,
                      "latest_year": p.latest.year if p.latest else None,
                      "latest_value": number(p.latest.value) if p.latest else None,
                      "target_year": p.target.year if p.target else None,
                      "target_value": number(p.target.value) if p.target else None,
                      "expected": number(p.expected.quantize(Decimal("0.0001"))) if p.expected is not None else None}
                     for p in progress_of(indicator, values)],
        "notes": [{"year": n.year, "assessment": n.assessment, "cause": n.cause, "next_action": n.next_action}
                  for n in indicator.notes.all()],
    }


CSV_HEADER = ["indicator", "number", "name", "name_en", "unit", "row", "year", "split", "area", "value",
              "comparison", "qualitative", "source", "computed", "entered_at"]


def csv_rows(indicator):
    """One line per baseline, target and value of the indicator (the header is CSV_HEADER)."""
    head = [indicator.slug, indicator.number or "", indicator.name, indicator.name_en, indicator.unit]
    for b in indicator.baselines.all():
        yield [*head, "baseline", b.year, b.split, "", number(b.value) if b.value is not None else "", "", "", "",
               "", ""]
    for t in indicator.targets.all():
        yield [*head, "target", t.year, t.split, "", number(t.value) if t.value is not None else "", t.comparison,
               t.qualitative, "", "", ""]
    for v in values_of(indicator):
        yield [*head, "value", v.year, v.split, v.area, number(v.value), "", "", v.source,
               "yes" if v.computed else "no", v.entered_at.isoformat()]
