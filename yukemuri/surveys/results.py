"""The results of a survey as the page and the CSV show them: per question n, distribution, mean, the
post-stratified estimates with their 95% intervals (weighting.py), per area and per age band, and the cells.
Every group of fewer than MIN_CELL answers is suppressed, here, once, for every output. Reads only."""

from collections import defaultdict

from django.utils.translation import gettext as _

from yukemuri.regions.models import AgeBand, Area
from yukemuri.regions.selectors import municipalities, population_as_of, population_by_band

from . import chart, weighting
from .models import CHOICE_KINDS, Answer, Kind, Survey
from .services import MIN_CELL


def population_cells() -> dict:
    """Residents per (area id, age band), from each municipality's latest count (regions.population_by_band)."""
    area_of = {m.code: m.area_id for m in municipalities()}
    cells: dict = defaultdict(int)
    for code, bands in population_by_band().items():
        if area_of.get(code) is not None:
            for band, count in bands.items():
                cells[(area_of[code], band)] += count
    return dict(cells)


def _pct(estimate):
    if estimate is None:
        return None
    return {"value": 100 * estimate.value, "low": max(0.0, 100 * estimate.low), "high": min(100.0, 100 * estimate.high)}


def _mean(estimate):
    if estimate is None:
        return None
    return {"value": estimate.value, "low": estimate.low, "high": estimate.high, "n": estimate.n}


def _summary(question, items, population) -> dict:
    """Estimates for one group of (cell, number, chosen) answers; None when the group is too small."""
    if len(items) < MIN_CELL:
        return None
    found = {"n": len(items)}
    if question.numeric:
        numbers = [number for _cell, number, _chosen in items]
        found["mean"] = sum(numbers) / len(numbers)
        found["weighted"] = _mean(weighting.mean([(cell, number) for cell, number, _c in items], population))
    if question.kind in CHOICE_KINDS or question.kind in (Kind.LIKERT, Kind.SCALE):
        options = []
        for value, label in question.options():
            def hit(number, chosen, value=value):
                return value in chosen if question.kind in CHOICE_KINDS else str(int(number)) == value
            count = sum(1 for _cell, number, chosen in items if hit(number, chosen))
            options.append({"value": value, "label": label, "count": count, "pct": 100 * count / len(items),
                            "weighted": _pct(weighting.share([(cell, hit(number, chosen))
                                                               for cell, number, chosen in items], population))})
        found["options"] = options
    return found


def build(survey: Survey) -> dict:
    """Everything the results page shows."""
    population = population_cells()
    area_names = {area.pk: area.display_name for area in Area.objects.all()}
    band_names = dict(AgeBand.choices)
    cell_of = {pk: ((area, band) if area and band else None)
               for pk, area, band in survey.responses.values_list("pk", "area_id", "age_band")}
    by_question: dict = defaultdict(list)
    for response, question, number, chosen in Answer.objects.filter(response__survey=survey).values_list(
            "response_id", "question_id", "number", "chosen"):
        by_question[question].append((cell_of.get(response), number, chosen or []))

    questions = []
    for question in survey.questions.order_by("position", "id"):
        items = by_question.get(question.pk, [])
        entry = {"question": question, "n": len(items), "suppressed": len(items) < MIN_CELL, "text": question.kind == Kind.TEXT}
        if not entry["suppressed"] and not entry["text"]:
            entry.update(_summary(question, items, population))
            entry["unknown_cell"] = sum(1 for cell, _n, _c in items if cell is None or not population.get(cell))
            entry["by_area"] = _breakdown(question, items, population, 0, area_names)
            entry["by_band"] = _breakdown(question, items, population, 1, band_names)
            if entry.get("options"):
                entry["chart"] = chart.share_bars([
                    {"label": option["label"], "pct": option["weighted"] and option["weighted"]["value"],
                     "low": option["weighted"] and option["weighted"]["low"],
                     "high": option["weighted"] and option["weighted"]["high"]} for option in entry["options"]])
        questions.append(entry)

    counts: dict = defaultdict(int)
    for cell in cell_of.values():
        if cell is not None:
            counts[cell] += 1
    weights = weighting.cell_weights(counts, population)
    cells = [{"area": area_names.get(area, "—"), "band": band_names.get(band, band), "n": n,
              "suppressed": n < MIN_CELL, "population": population.get((area, band)), "weight": weights.get((area, band))}
             for (area, band), n in sorted(counts.items(), key=lambda item: (str(item[0][0]), item[0][1]))]
    return {"questions": questions, "respondents": len(cell_of), "cells": cells, "min_cell": MIN_CELL,
            "unknown_cell": sum(1 for cell in cell_of.values() if cell is None or not population.get(cell)),
            "cells_used": len(weights), "population_as_of": population_as_of()}


def _breakdown(question, items, population, part: int, names: dict) -> list[dict]:
    """Per area (part 0) or per age band (part 1): each group's estimates, or suppressed under MIN_CELL."""
    groups: dict = defaultdict(list)
    for item in items:
        if item[0] is not None:
            groups[item[0][part]].append(item)
    order = list(names)
    rows = []
    for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
        summary = _summary(question, groups[key], population)
        rows.append({"label": names.get(key, key), "n": len(groups[key]), "suppressed": summary is None,
                     **(summary or {})})
    return rows


def _cell_text(question, number, chosen, text):
    if question.kind in CHOICE_KINDS:
        labels = dict(question.options())
        return " / ".join(labels.get(value, value) for value in chosen)
    if question.kind == Kind.TEXT:
        return text
    if number is None:
        return None
    return int(number) if float(number).is_integer() else number


def answer_rows(survey: Survey) -> list[list]:
    """The anonymised answers: a header, then one row per response in the order of their cells (never of
    their arrival), with no person and no id; the area and age band of a cell of fewer than MIN_CELL answers
    are replaced by a note, and with fewer than MIN_CELL responses in all there are no rows."""
    questions = list(survey.questions.order_by("position", "id"))
    header = [_("Answer"), _("Area"), _("Age band"), *[q.display_text for q in questions]]
    responses = list(survey.responses.values_list("pk", "area_id", "age_band"))
    if len(responses) < MIN_CELL:
        return [header, [_("Fewer than %(n)s answers: not shown.") % {"n": MIN_CELL}]]
    counts: dict = defaultdict(int)
    for _pk, area, band in responses:
        counts[(area, band)] += 1
    area_names = {area.pk: area.display_name for area in Area.objects.all()}
    band_names = dict(AgeBand.choices)
    given: dict = defaultdict(dict)
    for response, question, number, chosen, text in Answer.objects.filter(response__survey=survey).values_list(
            "response_id", "question_id", "number", "chosen", "text"):
        given[response][question] = (number, chosen or [], text)
    hidden = _("fewer than %(n)s answers") % {"n": MIN_CELL}
    rows = [header]
    for n, (pk, area, band) in enumerate(sorted(responses, key=lambda r: (r[1] or 0, r[2], hash((survey.pk, r[0])))),
                                         start=1):
        small = counts[(area, band)] < MIN_CELL
        rows.append([n, hidden if small else area_names.get(area, ""), hidden if small else band_names.get(band, ""),
                     *[_cell_text(q, *given[pk][q.pk]) if q.pk in given[pk] else None for q in questions]])
    return rows
