"""Public accountability, the KPI, and the coordinator's dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yukemuri.core import csvexport
from yukemuri.core.permissions import permission_required
from yukemuri.core.views_helpers import filtered_page
from yukemuri.ideas.selectors import idea_list

from . import chart
from .accountability import rows_for
from .coordinator import stalled_ideas
from .forms import AccountabilityFilterForm
from .indicators import cocreation_initiatives


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
            _("Money received (yen)"), _("Born at"), _("URL")])
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
                    request.build_absolute_uri(idea.get_absolute_url())])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="accountability-{timezone.localdate():%Y%m%d}.csv"'
    return response


def kpi(request):
    indicator = cocreation_initiatives()
    return render(request, "kpi/kpi.html", {"indicator": indicator, "chart": chart.bars(indicator.rows)})


@login_required
@permission_required("kpi.coordinate", message=gettext_lazy("This page is for coordinators and staff."))
def coordinator(request):
    return render(request, "kpi/coordinator.html", {"stalled": stalled_ideas()})
