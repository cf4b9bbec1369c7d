"""Small helpers views share."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .ratelimits import refused


def apply_service_errors(form, exc) -> None:
    """Show a service's refusal on the form, by field where the service named one."""
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc))
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else NON_FIELD_ERRORS, errors)
    else:
        form.add_error(None, exc.messages)


def safe_next(request, fallback: str) -> str:
    """The `next` address if it stays on this site, else `fallback` (no open redirects)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def support_response(request, target, supported: bool, support_url_name: str, detail_url_name: str):
    """After a support click: the new button for htmx, or back to the page without JavaScript."""
    if request.htmx:
        return render(request, "core/_support_button.html", {
            "target": target, "supported": supported, "support_url_name": support_url_name,
        })
    return redirect(safe_next(request, reverse(detail_url_name, kwargs={"pk": target.pk})))


def filtered_page(form, queryset, per_page: int = 20):
    """Filter with a bound PostFilterForm and return the requested page (404 past the end).

    An invalid filter shows its error on the form and an empty list, never everything.
    """
    from django.http import Http404
    from django.utils.translation import gettext as _

    from .filters import PageOutOfRange, paginate

    if form.is_valid():
        queryset, number = form.filter(queryset), form.cleaned_data.get("page")
    else:
        queryset, number = queryset.none(), 1
    try:
        return paginate(queryset, number, per_page)
    except PageOutOfRange:
        raise Http404(_("There is no such page.")) from None


def submit_post_form(request, form, action, published_message: str):
    """For a valid POSTed post form: call the service `action(**form.service_kwargs())`, thank the
    author and go to the post. Returns None (render the form again) when the form or the service refused."""
    if request.method != "POST" or refused(request, form) or not form.is_valid():
        return None
    try:
        post = action(**form.service_kwargs())
    except (ValidationError, PermissionDenied) as exc:
        apply_service_errors(form, exc)
        return None
    if post.is_published:
        messages.success(request, published_message)
    else:
        messages.info(request, _("Thank you! A moderator will review your first posts before they are shown."))
    return redirect(post)


def submit_form(request, form, action, success: str, to):
    """For a valid POSTed form: call the service `action(**form.cleaned_data)`, say `success` and go to
    `to` (an address, or a function of the service's result). None means: show the form again."""
    if request.method != "POST" or refused(request, form) or not form.is_valid():
        return None
    try:
        result = action(**form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        apply_service_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(to(result) if callable(to) else to)
