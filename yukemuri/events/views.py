"""Event pages: list and month view, detail and registration, tickets, organiser tools, calendars."""

import calendar as calendar_module
import re
from datetime import date
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core import csvexport, pagecache
from yukemuri.core.permissions import require
from yukemuri.core.qr import qr_svg
from yukemuri.core.ratelimits import limit, register_limit
from yukemuri.core.text import id_from
from yukemuri.core.views_helpers import attempt, filtered_page, submit_form
from yukemuri.regions.models import Area
from yukemuri.translations.selectors import reading, with_translations

from . import ical, selectors, services
from .forms import TOKYO, CheckInForm, EventFilterForm, EventForm, GuestRegistrationForm, event_initial
from .models import Event, Registration, Series

SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@pagecache.shared_when_signed_in
def event_index(request):
    form = EventFilterForm(request.GET)
    if request.GET.get("view") == "month":
        return _month(request, form)
    page = filtered_page(form, selectors.listed_events(request.GET.get("kind", "")))
    return render(request, "events/index.html", {
        "form": form, "page": page, "filters": form.active_filters(),
        "events": with_translations(page.object_list, request.LANGUAGE_CODE),
        "can_organise": request.user.has_perm("events.organise"),
    })


# Months the calendar shows: far enough either way for any real event, and clear of date's limits (year 1
# has no previous month, 9999 no next one).
YEARS = range(1900, 2201)


def _month(request, form):
    today = timezone.localdate(timezone=TOKYO)
    try:
        year, month = (int(part) for part in request.GET.get("month", f"{today:%Y-%m}").split("-"))
        if year not in YEARS:
            raise ValueError(year)
        first = date(year, month, 1)
    except ValueError:
        return render(request, "error.html", {"title": _("Bad request"), "message": _(
            "There is no such month: give it as year-month between 1900 and 2200, e.g. 2026-04.")}, status=400)
    queryset = selectors.listed_events(request.GET.get("kind", ""))
    if form.is_valid():
        form.cleaned_data["when"] = "all"
        queryset = form.filter(queryset)
    events = list(selectors.events_in_month(year, month, queryset))
    by_day = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.starts_at, TOKYO).day, []).append(event)
    weeks = [[{"day": d, "events": by_day.get(d, []), "today": first.replace(day=d) == today} if d else None
              for d in week] for week in calendar_module.Calendar(firstweekday=6).monthdayscalendar(year, month)]
    previous = (first.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
    following = (first.replace(day=28) + timezone.timedelta(days=4)).replace(day=1)
    return render(request, "events/month.html", {
        "form": form, "first": first, "weeks": weeks, "events": events, "filters": form.active_filters(),
        "previous": f"{previous:%Y-%m}", "next": f"{following:%Y-%m}",
    })


def _event_or_404(pk):
    event = selectors.event_detail(pk)
    if event is None:
        raise Http404(_("No such event."))
    return event


# A guest's sign-up with errors is shown again where it was filled in: an app whose page holds the event's form (a
# help request's slots) hands over its page in its AppConfig.ready, so events imports nothing of it.
GUEST_FORM_PAGES = []


def provide_guest_form_page(page) -> None:
    """`page(request, event, form)` answers with the page holding the form and its errors, or None if not its."""
    GUEST_FORM_PAGES.append(page)


def event_show(request, pk, guest_form=None):
    event = _event_or_404(pk)
    for page in GUEST_FORM_PAGES if guest_form is not None else ():
        if (answer := page(request, event, guest_form)) is not None:
            return answer
    return render(request, "events/detail.html", {
        "event": event,
        "reading": reading(event, request.LANGUAGE_CODE, original="original" in request.GET),
        "registration": selectors.registration_of(event, request.user),
        "closed_reason": services.registration_window_error(event),
        "guest_form": guest_form or GuestRegistrationForm(),
        "can_manage": request.user.has_perm("events.manage_event", event),
        "produced": selectors.produced_by([event]),
        "origin": selectors.origin_of(event),
        "can_edit_session": request.user.has_perm("workshops.edit_diagram", event),
    }, status=400 if guest_form is not None else 200)


@require_POST
@register_limit
def event_register(request, pk):
    event = _event_or_404(pk)
    language = get_language() or "ja"
    if request.user.is_authenticated:
        try:
            registration = services.register(event=event, person=request.user, language=language)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(event)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You are registered. Your ticket is below."))
        else:
            messages.info(request, _("The event is full: you are on the waiting list. We e-mail you if a seat frees up."))
        return redirect(registration)
    form = GuestRegistrationForm(request.POST)
    return submit_form(request, form, lambda name, email, consent, **honeypot: services.register(
                           event=event, guest_name=name, guest_email=email, language=language, consent=consent),
                       to=lambda registration: render(request, "events/check_your_email.html", {
                           "event": event, "email": form.cleaned_data["email"]}),
                       page=lambda: event_show(request, pk, guest_form=form))


def _ticket(secret):
    # Secrets are URL-safe base64 (new_secret): anything else is no ticket — and a NUL byte would make
    # PostgreSQL refuse the query.
    if not SECRET_PATTERN.fullmatch(secret):
        raise Http404(_("No such ticket."))
    registration = (Registration.objects.select_related("event", "event__kind", "event__municipality", "person")
                    .filter(secret=secret).first())
    if registration is None:
        raise Http404(_("No such ticket."))
    return registration


def ticket(request, secret):
    """A ticket, reached by its secret link (guests) or from My tickets. POST confirms or cancels."""
    registration = _ticket(secret)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                registration = services.guest_confirm(registration=registration)
                messages.success(request, _("Thank you: your registration is confirmed."))
            elif action == "cancel":
                by = request.user if registration.person_id and request.user.is_authenticated else None
                if registration.person_id and by is None:
                    raise PermissionDenied(_("Log in to cancel this registration."))
                services.cancel(registration=registration, by=by)
                messages.info(request, _("Your registration is cancelled."))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(reverse("ticket", args=[secret]))
    check_in_url = request.build_absolute_uri(
        reverse("event_check_in", args=[registration.event_id]) + f"?code={registration.code}")
    qr = qr_svg(check_in_url, _("QR code of ticket %(code)s") % {"code": registration.code})
    return render(request, "events/ticket.html", {"registration": registration, "event": registration.event, "qr": qr})


@login_required
def my_tickets(request):
    now = timezone.now()
    tickets = list(selectors.tickets_of(request.user))
    return render(request, "events/my_tickets.html", {
        "upcoming": [t for t in tickets if t.event.ends_at >= now and t.status != Registration.Status.CANCELLED],
        "past": [t for t in tickets if t.event.ends_at < now or t.status == Registration.Status.CANCELLED],
    })


@login_required
@limit("organise", form=True, exempt=lambda request: request.user.has_perm("events.organise"))
def event_new(request):
    series = None
    if (number := id_from(request.GET.get("series"))) is not None:
        series = get_object_or_404(Series, pk=number)
        require(request.user, "events.manage_series", series, message=_("You cannot add sessions to this series."))
    else:
        require(request.user, "events.organise",
                message=_("Only coordinators, municipal staff and verified organisations can organise events."))
    initial = {"kind": "workshop" if series else "seminar", "fee": "無料"}
    if series:
        initial["session_number"] = series.sessions.count() + 1
    form = EventForm(request.POST or None, series=series, user=request.user, initial=initial)
    return submit_form(request, form, partial(services.event_create, by=request.user, series=series),
                       success=_("The event is published."), to=lambda event: series or event,
                       page=lambda: render(request, "events/form.html", {"form": form, "series": series}))


@login_required
@limit("organise", form=True, exempt=lambda request, pk: request.user.has_perm(
    "events.manage_event", Event.objects.filter(pk=pk).first()))
def event_edit(request, pk):
    event = _event_or_404(pk)
    require(request.user, "events.manage_event", event, message=_("Only the event's organisers can change it."))
    form = EventForm(request.POST or None, series=event.series, user=request.user, initial=event_initial(event))

    def update(session_number=None, organisations=None, **kwargs):  # a session's number and hosts stay as they are
        return services.event_update(event=event, by=request.user, **kwargs)

    return submit_form(request, form, update, success=_("Your changes are saved."), to=event,
                       page=lambda: render(request, "events/form.html", {
                           "form": form, "event": event, "series": event.series}))


def _managed_event(request, pk):
    event = _event_or_404(pk)
    require(request.user, "events.manage_event", event, message=_("Only the event's organisers can check people in."))
    return event


@login_required
def event_check_in(request, pk):
    """Check-in desk: type the code, or scan the ticket's QR code (it opens this page with the code)."""
    event = _managed_event(request, pk)
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("code", "")})

    def page(form, result=None):
        registrations = list(selectors.registrations_for(event))
        return render(request, "events/check_in.html", {
            "event": event, "form": form, "result": result, "registrations": registrations,
            "attended": sum(1 for r in registrations if r.checked_in_at),
        })

    # Checked in: the desk's page again, with who came and an empty form for the next code.
    return submit_form(request, form, partial(services.check_in, event=event, by=request.user),
                       to=lambda found: page(CheckInForm(), {"registration": found[0], "first_time": found[1]}),
                       page=lambda: page(form))


@require_POST
@login_required
def event_cancel(request, pk):
    event = _event_or_404(pk)
    require(request.user, "events.manage_event", event, message=_("Only the event's organisers can change it."))
    attempt(request, lambda: services.event_cancel(event=event, by=request.user, reason=request.POST.get("reason", "")),
            _("The event is cancelled; everyone registered is told by e-mail."), level=messages.INFO)
    return redirect(event)


@login_required
@require_POST
def attendance_csv(request, pk):
    """The attendance list as CSV. A POST: each registered person's access log records the download (GET
    never writes)."""
    event = _managed_event(request, pk)
    registrations = services.attendance_export(event=event, by=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-attendance.csv"'
    response.write("\ufeff")
    writer = csvexport.writer(response)
    writer.writerow([_("Ticket code"), _("Name"), _("Guest"), _("Status"), _("Order"), _("Registered at"),
                     _("Checked in at")])
    for r in registrations:
        name = r.guest_name if r.is_guest else (r.person.display_name if r.person else "")
        when = timezone.localtime(r.checked_in_at, TOKYO).strftime("%Y-%m-%d %H:%M") if r.checked_in_at else ""
        writer.writerow([r.code, name, _("yes") if r.is_guest else _("no"), r.get_status_display(), r.sequence or "",
                         timezone.localtime(r.created_at, TOKYO).strftime("%Y-%m-%d %H:%M"), when])
    return response


def _ics(request, events, name, filename):
    response = HttpResponse(ical.calendar_for(events, name=name, base_url=_base_url(request)),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, pk):
    event = _event_or_404(pk)
    return _ics(request, [event], event.title, f"event-{event.pk}.ics")


def series_ics(request, pk):
    series = get_object_or_404(Series, pk=pk)
    return _ics(request, selectors.event_list().filter(series=series), series.title, f"series-{series.pk}.ics")


def area_ics(request, pk):
    area = get_object_or_404(Area, pk=pk)
    events = selectors.listed_events().filter(area=area).exclude(status=Event.Status.CANCELLED)
    name = _("Events in the %(area)s area") % {"area": area.display_name}
    return _ics(request, events, name, f"area-{area.pk}.ics")
