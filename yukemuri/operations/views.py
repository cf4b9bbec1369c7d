"""The operator's dashboard of a space (運営ダッシュボード): five figures, each a chart, its table and a CSV."""

import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from yukemuri.core import csvexport
from yukemuri.core.permissions import require
from yukemuri.kpi.chart import local_number, row_bars
from yukemuri.space.selectors import space_by_slug, today

from . import selectors
from .forms import OccupancyForm

FIGURES = ("members", "visits", "occupancy", "revenue", "consultations")


def _space_or_404(request, slug):
    space = space_by_slug(slug)
    if space is None:
        raise Http404(_("No such space."))
    require(request.user, "operations.view_dashboard", space, _("Only the space's operator and staff see this."))
    return space


def _makers(space, by: str) -> dict:
    day = today()
    return {"members": lambda: selectors.members_by_plan(space, day),
            "visits": lambda: selectors.visits_heatmap(space, day),
            "occupancy": lambda: selectors.occupancy(space, day, by=by),
            "revenue": lambda: selectors.revenue(space, day),
            "consultations": lambda: selectors.consultations(space, day)}


def _tables(space, by: str) -> dict[str, selectors.Table]:
    return {name: make() for name, make in _makers(space, by).items()}


def _bars(rows, value_index=-1, suffix=""):
    return row_bars([(str(row[0]), row[value_index], local_number(row[value_index]) + suffix)
                     for row in rows if row[value_index] is not None])


def _shade(value: int, top: int) -> int:
    return 0 if not value else min(4, 1 + 4 * value // (top + 1))


def _heat(table):
    """Each cell's shade (0 for none, 1–4 in quarters of the busiest hour) and the legend's range per shade; the
    figure itself is always written in the cell, so the shade is never the only cue."""
    top = max([0, *(v for row in table.rows for v in row[1:])])
    cells = [[row[0], [(v, _shade(v, top)) for v in row[1:]]] for row in table.rows]
    ranges: dict[int, list[int]] = {0: [0, 0]}
    for value in range(1, top + 1):
        ranges.setdefault(_shade(value, top), [value, value])[1] = value
    legend = [(shade, f"{lo}" if lo == hi else f"{lo}–{hi}") for shade, (lo, hi) in sorted(ranges.items())]
    return cells, legend


@login_required
def dashboard(request, slug):
    space = _space_or_404(request, slug)
    form = OccupancyForm(request.GET or None)
    by = form.period()
    tables = _tables(space, by)
    latest_occupancy = [[row[0], row[-1]] for row in tables["occupancy"].rows]
    return render(request, "operations/dashboard.html", {
        "space": space, "form": form, "by": by, "tables": tables,
        "charts": {"members": _bars(tables["members"].rows), "revenue": _bars(tables["revenue"].rows, suffix=" ¥"),
                   "consultations": _bars(tables["consultations"].rows),
                   "occupancy": _bars(latest_occupancy, suffix=" %")},
        "heat": (heat := _heat(tables["visits"]))[0], "legend": heat[1],
    })


@login_required
def figure_csv(request, slug, figure):
    space = _space_or_404(request, slug)
    if figure not in FIGURES:
        raise Http404(_("No such figure."))
    table = _makers(space, OccupancyForm(request.GET or None).period())[figure]()  # only the figure asked for
    out = io.StringIO()
    writer = csvexport.writer(out)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{space.slug}-{figure}.csv"'
    return response
