"""Open data: the datasets' index, event files in the Digital Agency's format, and the import page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from yukemuri.core.permissions import require
from yukemuri.events.opendata import HEADER, events_csv, import_events
from yukemuri.events.selectors import event_list
from yukemuri.regions.models import Municipality

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
