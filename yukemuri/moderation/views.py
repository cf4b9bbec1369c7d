from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from yukemuri.core.filters import PageOutOfRange, paginate
from yukemuri.core.permissions import permission_required
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import submit_form

from . import registry, services
from .forms import DecisionForm, ReportForm
from .selectors import moderation_log, moderation_queue


def _target(key: str, pk: int):
    entry = registry.by_key(key)
    target = entry.model.objects.filter(pk=pk).first() if entry else None
    if target is None:
        raise Http404(_("Nothing to report here."))
    return entry, target


moderators_only = permission_required("moderation.moderate", message=gettext_lazy("Only moderators can see this page."))


@login_required
@limit("post", form=True)
def report(request, key, pk):
    entry, target = _target(key, pk)
    if not target.is_published or (entry.visible_to and not entry.visible_to(request.user, target)):
        raise Http404(_("Nothing to report here."))
    form = ReportForm(request.POST or None)
    return submit_form(request, form, partial(services.report_create, target=target, reporter=request.user),
                       success=_("Thank you. A moderator will look at it."), to=entry.url(target),
                       page=lambda: render(request, "moderation/report.html", {
                           "form": form, "target": target, "excerpt": entry.excerpt(target), "back": entry.url(target),
                       }))


@login_required
@moderators_only
def queue(request):
    return render(request, "moderation/queue.html", {"items": moderation_queue(), "form": DecisionForm()})


@require_POST
@login_required
@moderators_only
def decide(request, key, pk):
    entry, target = _target(key, pk)
    form = DecisionForm(request.POST)

    def decide_on(action, reason):
        if action == "hide":
            services.post_hide(target=target, moderator=request.user, reason=reason)
        elif action == "approve":
            services.post_approve(target=target, moderator=request.user)
        elif action == "restore":
            services.post_restore(target=target, moderator=request.user, reason=reason)
        else:
            services.reports_dismiss(target=target, moderator=request.user, reason=reason)

    return submit_form(request, form, decide_on,
                       success=lambda done: _("Done: %(excerpt)s") % {"excerpt": entry.excerpt(target)},
                       to="moderation_queue",
                       page=lambda: render(request, "moderation/queue.html", {"items": moderation_queue(), "form": form}))


@login_required
@moderators_only
def log(request):
    try:
        page = paginate(moderation_log(), request.GET.get("page", 1), 50)
    except PageOutOfRange:
        raise Http404(_("There is no such page.")) from None
    actions = list(page.object_list)
    for action in actions:
        entry = registry.for_content_type(action.target_type)
        action.entry_key = entry.key if entry else ""
    return render(request, "moderation/log.html", {"page": page, "actions": actions})
