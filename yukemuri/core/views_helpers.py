"""Small helpers views share."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .ratelimits import refused  # the helpers here check the rate limit's refusal: keep it so


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


def support_controls(support_url_name: str, target_pk, supported: bool) -> str:
    """The support form's own part for one person (core/_support_button.html): a hole of the page cache."""
    return format_html(
        '<input type="hidden" name="supported" value="{}">\n  <button type="submit" id="{}-{}"{}>{}</button>',
        "0" if supported else "1", support_url_name, target_pk, mark_safe(' class="secondary"') if supported else "",
        _("Withdraw my support") if supported else _("Support"))


def register_support_hole(support_url_name: str, model) -> None:
    """The support button of `model`'s targets (a support model with person and target) as a hole."""
    from yukemuri.core.pagecache import register_hole

    def states(request, args):
        supported = set(model.objects.filter(person=request.user, target_id__in=[int(a) for a in args])
                        .values_list("target_id", flat=True)) if request.user.is_authenticated else set()
        return {arg: int(arg) in supported for arg in args}

    register_hole(support_url_name, states=states,
                  render=lambda arg, supported: support_controls(support_url_name, arg, supported))


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


def submit_form(request, form, action, *, success=None, to=None, page):
    """The one form path of the views: form → service → redirect.

    On a POST that the rate limit does not refuse (`refused` puts the wait on the form) and that the form
    accepts, call the service `action(**data)`, where data is `form.service_kwargs()` when the form has it,
    else `form.cleaned_data`. A ValidationError or PermissionDenied from the service goes onto the form
    (apply_service_errors: message_dict keys that are fields to those fields, the rest to the form).
    Then, when it went through: say `success` (a text, or a function of the service's result giving the
    text or None) and go `to` (an address, model or URL name, or a function of the result giving one of
    those or a whole response; by default the result itself). Otherwise answer `page()`, the page with the
    form keeping what was typed, with status 400 after a POST (429 when the rate limit refused: its
    decorator sets that).
    """
    if request.method == "POST" and not refused(request, form) and form.is_valid():
        data = form.service_kwargs() if hasattr(form, "service_kwargs") else form.cleaned_data
        try:
            result = action(**data)
        except (ValidationError, PermissionDenied) as exc:
            apply_service_errors(form, exc)
        else:
            said = success(result) if callable(success) else success
            if said:
                messages.success(request, said)
            target = to(result) if callable(to) else (result if to is None else to)
            return target if isinstance(target, HttpResponseBase) else redirect(target)
    response = page()
    if request.method == "POST" and response.status_code == 200:
        response.status_code = 400
    return response


def post_published(request, published_message: str):
    """For submit_form's `success` after a new or edited issue or idea: thank the author, or say that a
    moderator reads a newcomer's first posts before they are shown."""

    def say(post):
        if post.is_published:
            return published_message
        messages.info(request, _("Thank you! A moderator will review your first posts before they are shown."))
        return None

    return say


def attempt(request, action, success=None, *, level=messages.SUCCESS) -> bool:
    """For a button without a form to show again (answer, withdraw, cancel, confirm …): call `action()`;
    the service's ValidationError becomes an error message, else `success` (a text, or a function of the
    result giving one or None) is said at `level`. True when it went through. PermissionDenied is not
    caught: it stays a 403. A form's path is submit_form."""
    try:
        result = action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    said = success(result) if callable(success) else success
    if said:
        messages.add_message(request, level, said)
    return True
