"""Public accountability, the KPI, and the coordinator's dashboard."""

from functools import partial
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from yukemuri.core import csvexport
from yukemuri.core.permissions import permission_required
from yukemuri.core.views_helpers import filtered_page, submit_form
from yukemuri.ideas.selectors import idea_list
from yukemuri.visions.selectors import kpi_rows as vision_rows

from . import chart, services
from .accountability import rows_for
from .compute import RULES
from .coordinator import stalled_ideas
from .export import CSV_HEADER, csv_rows, indicator_data
from .forms import AccountabilityFilterForm, NoteForm, ParticipationForm, TargetRevisionForm, ValueForm
from .indicators import cocreation_initiatives, fiscal_year
from .participation import participation as participation_table
from .participation import posts_by_channel, small_count
from .progress import progress_of
from .selectors import indicator_detail, indicator_list, values_of
from .selectors import value_file as value_file_of


def _ideas():
    return idea_list().defer("body", "body_html", "search_text")


def accountability(request):
    form = AccountabilityFilterForm(request.GET)
    page = filtered_page(form, _ideas(), per_page=50)
    return render(request, "kpi/accountability.html", {
        "form": form, "page": page, "rows": rows_for(page.object_list), "filters": form.active_filters(),
        "csv_query": request.GET.urlencode(),
    })


def accountability_csv(request):
    """Every idea the filters select, as CSV (UTF-8 with BOM so that Excel reads the Japanese)."""
    form = AccountabilityFilterForm(request.GET)
    ideas = form.filter(_ideas()) if form.is_valid() else _ideas().none()

    def lines():
        writer = csvexport.streaming_writer()
        yield "\ufeff" + writer.writerow([
            _("ID"), _("Title"), _("Area"), _("Municipality"), _("SDGs"), _("Stage"), _("Status"),
            _("Progress (%)"), _("Next milestone"), _("Next milestone due"), _("Still lacks"), _("Roles wanted"),
            _("Money received (yen)"), _("Born at"), _("Evaluation"), _("URL")])
        ids = list(ideas.values_list("pk", flat=True))
        order = {pk: i for i, pk in enumerate(ids)}
        for start in range(0, len(ids), 500):
            batch = _ideas().select_related("origin_event").filter(pk__in=ids[start:start + 500])
            for row in rows_for(sorted(batch, key=lambda idea: order[idea.pk])):
                idea = row.idea
                yield writer.writerow([
                    idea.pk, idea.title, idea.area.name if idea.area else "",
                    idea.municipality.name if idea.municipality else "",
                    " ".join(str(goal.number) for goal in idea.sdgs.all()), idea.get_stage_display(),
                    idea.get_status_display(), "" if row.progress is None else row.progress,
                    row.next_milestone.title if row.next_milestone else "",
                    row.next_milestone.due_on.isoformat() if row.next_milestone else "",
                    " / ".join(row.lacks), " / ".join(row.open_roles), row.raised_yen,
                    idea.origin_event.title if idea.origin_event_id else "",
                    f"FY{row.evaluation.year} {row.evaluation.get_decision_display()}" if row.evaluation else "",
                    request.build_absolute_uri(idea.get_absolute_url())])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="accountability-{timezone.localdate():%Y%m%d}.csv"'
    return response


def kpi(request):
    """Every indicator with its progress to the nearest target; first, the one the platform was built around."""
    indicator = cocreation_initiatives()
    rows = [(item, progress_of(item, values_of(item))) for item in indicator_list()]
    return render(request, "kpi/kpi.html", {"indicator": indicator, "chart": chart.bars(indicator.rows),
                                            "rows": rows, "rule": RULE, "visions": vision_rows()})


RULE = gettext_lazy(
    "On track: the latest value is at or past the straight line from the baseline to the nearest target, in "
    "that year (at or above it for 「以上」 targets, at or below for 「以下」; an indicator without a baseline value "
    "starts the line at 0). Behind: otherwise. Targets in words (such as 「2021年度より増加」) are shown, not judged.")


def _indicator_or_404(slug):
    indicator = indicator_detail(slug)
    if indicator is None:
        raise Http404(_("There is no such indicator."))
    return indicator


def indicator(request, slug, value_form=None, note_form=None, revision_form=None):
    item = _indicator_or_404(slug)
    values = values_of(item)
    can_enter = request.user.has_perm("kpi.enter")
    whole = [v for v in values if not v.area]
    splits = [p.split for p in progress_of(item, values)]
    years = sorted({v.year for v in values} | {t.year for t in item.targets.all()}
                   | {b.year for b in item.baselines.all() if b.value is not None})
    charts = []
    for split in splits:
        mine = {v.year: float(v.value) for v in whole if v.split == split}
        base = {b.year: float(b.value) for b in item.baselines.all() if b.split == split and b.value is not None}
        targets = {t.year: float(t.value) for t in item.targets.all() if t.split == split and t.value is not None}
        charts.append((split, chart.value_bars(years, {**base, **mine}, targets, fiscal=item.fiscal_years)))
    areas = sorted({v.area for v in values if v.area})
    by_area = [(year, [next((v for v in values if v.year == year and v.area == area), None) for area in areas])
               for year in sorted({v.year for v in values if v.area})]
    return render(request, "kpi/indicator.html", {
        "item": item, "values": values, "progress": progress_of(item, values), "charts": charts, "rule": RULE,
        "how_counted": RULES.get(item.slug), "sdg_targets": _sdg_targets(item),
        "areas": areas, "by_area": by_area, "can_enter": can_enter,
        "entered": item.method == item.Method.ENTERED,
        "value_form": value_form or (ValueForm(indicator=item) if can_enter else None),
        "note_form": note_form or (NoteForm() if can_enter else None),
        "revision_form": revision_form or (TargetRevisionForm(indicator=item) if can_enter else None),
    })


def _sdg_targets(item) -> list[str]:
    return [part.strip() for part in item.sdg_targets.split(",") if part.strip()]


def participation(request):
    """参加率: people who took part in a fiscal year per 1,000 residents, by area and by age band."""
    current = fiscal_year(timezone.localdate())
    form = ParticipationForm(request.GET or None, initial={"year": current})
    year = current
    if form.is_bound and form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    table = participation_table(year)

    def bars(cells):
        return chart.row_bars([(cell.label, None if cell.suppressed or cell.rate is None else float(cell.rate),
                                _hidden(cell) if cell.suppressed else
                                ("—" if cell.rate is None else chart.local_number(cell.rate)))
                               for cell in cells])

    return render(request, "kpi/participation.html", {
        "form": form, "table": table, "area_chart": bars(table.by_area), "band_chart": bars(table.by_band),
        "outside": small_count(table.outside), "no_band": small_count(table.no_band),
        "channels": posts_by_channel(year)})


def _hidden(cell) -> str:
    return _("fewer than 10") if cell.small else _("not shown")


def _staff_post(view):
    """POST only, by staff who enter values (others get 403); the form page comes back with what was typed."""
    @login_required
    @require_POST
    @permission_required("kpi.enter", message=gettext_lazy("Indicator values are entered by municipal staff."))
    def wrapped(request, slug):
        return view(request, _indicator_or_404(slug))
    return wrapped


@_staff_post
def value_add(request, item):
    form = ValueForm(request.POST, request.FILES, indicator=item)
    return submit_form(request, form, partial(services.value_enter, indicator=item, by=request.user),
                       success=_("The value is saved with its source."), to=item,
                       page=lambda: indicator(request, item.slug, value_form=form))


@_staff_post
def note_write(request, item):
    form = NoteForm(request.POST)
    return submit_form(request, form, partial(services.note_write, indicator=item, by=request.user),
                       success=_("The note is saved."), to=item,
                       page=lambda: indicator(request, item.slug, note_form=form))


@_staff_post
def target_revise(request, item):
    form = TargetRevisionForm(request.POST, indicator=item)
    return submit_form(request, form, partial(services.target_revise, by=request.user),
                       success=_("The target is revised."), to=item,
                       page=lambda: indicator(request, item.slug, revision_form=form))


@login_required
@permission_required("kpi.enter", message=gettext_lazy("Indicator values are entered by municipal staff."))
def value_file(request, slug, pk):
    """The file a value was read from (staff only: it may hold more than the figure)."""
    row = value_file_of(_indicator_or_404(slug), pk)
    if row is None:
        raise Http404(_("There is no such file."))
    kinds = {"csv": "text/csv", "pdf": "application/pdf",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    response = HttpResponse(bytes(row.file_data), content_type=kinds.get(row.file_name.rsplit(".", 1)[-1].lower(),
                                                                          "application/octet-stream"))
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(row.file_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def indicators_csv(request):
    def lines():
        writer = csvexport.streaming_writer()
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for item in indicator_list():
            for row in csv_rows(item):
                yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicators-{timezone.localdate():%Y%m%d}.csv"'
    return response


def indicators_json(request):
    response = JsonResponse({"indicators": [indicator_data(item) for item in indicator_list()]},
                            json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="indicators-{timezone.localdate():%Y%m%d}.json"'
    return response


@login_required
@permission_required("kpi.coordinate", message=gettext_lazy("This page is for coordinators and staff."))
def coordinator(request):
    return render(request, "kpi/coordinator.html", {"stalled": stalled_ideas()})
