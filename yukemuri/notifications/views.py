from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from yukemuri.core.filters import paginate
from yukemuri.people.services import email_digest_set

from .choices import choices_of
from .forms import NoticeChoicesForm
from .models import FIXED_KINDS
from .selectors import notifications_of
from .services import choices_save, mark_read
from .unsubscribe import person_id_of


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


@require_http_methods(["GET", "POST"])
@login_required
def notification_settings(request):
    """Which notices reach me, and how (受け取り方): per kind, and the e-mail switch."""
    person = request.user
    if request.method == "POST":
        form = NoticeChoicesForm(request.POST)
        if form.is_valid():
            choices_save(person=person, choices=form.choices())
            email_digest_set(person=person, enabled=form.cleaned_data["email_digest"])
            messages.success(request, _("Your choices are saved."))
            return redirect("notification_settings")
    else:
        form = NoticeChoicesForm(initial={"email_digest": person.email_digest, **choices_of(person)})
    fixed = [kind.label for kind in sorted(FIXED_KINDS)]
    return render(request, "notifications/settings.html", {"form": form, "fixed": fixed})


# The signed token is the credential (the link comes from the person's own e-mail), and RFC 8058's one-click
# POST from a mail program carries no CSRF token. A GET only shows the button: link scanners change nothing.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    person = get_user_model().objects.filter(pk=person_id_of(token), is_active=True).first()
    if person is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        email_digest_set(person=person, enabled=False)
    return render(request, "notifications/unsubscribe.html", {"person": person, "stopped": not person.email_digest})
