"""Open data: the datasets' index, event files in the Digital Agency's format, and the import page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from yukemuri.core import csvexport
from yukemuri.core.permissions import require
from yukemuri.events.opendata import HEADER, events_csv, import_events
from yukemuri.events.selectors import event_list
from yukemuri.issues.selectors import issue_list
from yukemuri.kpi.indicators import cocreation_initiatives
from yukemuri.regions.models import Municipality

from .catalog import FORMATS, serialised
from .forms import ImportForm


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def index(request):
    municipalities = Municipality.objects.filter(pk__in=event_list().values("municipality")).order_by("code")
    counts = dict(event_list().order_by().values_list("municipality").annotate(n=Count("pk")))
    return render(request, "opendata/index.html", {
        "total": event_list().count(), "header": HEADER,
        "municipalities": [(m, counts.get(m.pk, 0)) for m in municipalities],
        "can_import": request.user.has_perm("opendata.import_events"),
    })


def _csv(request, events, filename):
    response = HttpResponse(events_csv(events.prefetch_related("organisers").order_by("starts_at", "id"),
                                       _base_url(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def events(request):
    return _csv(request, event_list(), "event.csv")


def municipality_events(request, code):
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise Http404(_("No municipality has the code %(code)s.") % {"code": code})
    return _csv(request, event_list().filter(municipality=municipality), f"{code}_event.csv")


@login_required
def import_page(request):
    require(request.user, "opendata.import_events", None, _("Only staff can import event files."))
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_events(form.cleaned_data["file"].read(), created_by=request.user,
                               dry_run=form.cleaned_data["dry_run"])
    status = 400 if (form.errors or (result and result.errors)) else 200
    return render(request, "opendata/import.html", {"form": form, "result": result,
                                                    "dry_run": form.is_bound and form.cleaned_data.get("dry_run")},
                  status=status)


def catalog(request, fmt):
    """The DCAT 3 catalogue of every public dataset (catalog.py), as Turtle or JSON-LD."""
    data, _seconds = serialised(_base_url(request), fmt)
    response = HttpResponse(data, content_type=FORMATS[fmt][1])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def issues_csv(request):
    """Published regional issues as CSV (UTF-8 with BOM): what /api/v1/issues gives, without people's names."""
    base = _base_url(request)

    def lines():
        writer = csvexport.streaming_writer()
        yield "\ufeff" + writer.writerow([
            _("ID"), _("Title"), _("Body"), _("Prefecture"), _("Area"), _("Municipality code"), _("Municipality"),
            _("SDGs"), _("Status"), _("Supports"), _("Posted at"), _("Updated at"), _("URL")])
        ids = list(issue_list().order_by("created_at", "id").values_list("pk", flat=True))
        for start in range(0, len(ids), 500):  # bounded memory at 20k issues
            batch = issue_list().filter(pk__in=ids[start:start + 500]).order_by("created_at", "id")
            for issue in batch:
                yield writer.writerow([
                    issue.pk, issue.title, issue.body, issue.prefecture.name, issue.area.name if issue.area else "",
                    issue.municipality.code if issue.municipality else "",
                    issue.municipality.name if issue.municipality else "",
                    " ".join(str(goal.number) for goal in issue.sdgs.all()), issue.get_status_display(),
                    issue.support_count, issue.created_at.isoformat(), issue.updated_at.isoformat(),
                    base + issue.get_absolute_url()])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="issues.csv"'
    return response


def kpi_csv(request):
    """The KPI 共創の取組件数 by fiscal year (new, cumulative, target, cumulative per area) as CSV."""
    indicator = cocreation_initiatives()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kpi-cocreation-initiatives.csv"'
    response.write("\ufeff")
    writer = csvexport.writer(response)
    writer.writerow([_("Fiscal year"), _("New"), _("Cumulative"), _("Target"), *indicator.areas])
    for row in indicator.rows:
        writer.writerow([row.year, row.new, row.cumulative, row.target,
                         *(row.by_area.get(area, 0) for area in indicator.areas)])
    return response
