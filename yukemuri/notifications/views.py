from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.filters import paginate

from .selectors import notifications_of
from .services import mark_read


@login_required
def notification_list(request):
    page = paginate(notifications_of(request.user), request.GET.get("page", 1), 30)
    return render(request, "notifications/list.html", {"page": page, "notifications": list(page.object_list)})


@require_POST
@login_required
def notification_read(request):
    count = mark_read(request.user)
    messages.info(request, _("All notices are marked as read.") if count else _("Nothing new."))
    return redirect("notifications")
