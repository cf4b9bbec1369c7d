"""Space pages (共創スペース): the spaces with today's hours, a facility's week and booking, the operator's list,
the space's calendar. Thin: reads from selectors, writes through services, perms from rules.py."""

import mimetypes
from datetime import timedelta
from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import require
from yukemuri.core.views_helpers import attempt, submit_form

from . import ical, selectors, services
from .forms import BookingForm, ClosureForm, FacilityForm, HoursForm, WeekForm, hours_initial
from .models import Booking, Facility
from .rules import booking_refusal


def index(request):
    return render(request, "space/index.html", {"spaces": selectors.spaces_with_today(), "today": selectors.today()})


def _facility_or_404(pk):
    facility = selectors.facility(pk)
    if facility is None:
        raise Http404(_("No such facility."))
    return facility


def _space_or_404(slug):
    space = selectors.space_by_slug(slug)
    if space is None:
        raise Http404(_("No such space."))
    return space


def facility_week(request, pk):
    """The facility, its week in half-hour slots (?week=YYYY-MM-DD) and, for who may book, the booking form."""
    facility = _facility_or_404(pk)
    week_form = WeekForm(request.GET)
    monday = week_form.monday(selectors.today())
    user = request.user
    can_book = user.has_perm("space.book_facility", facility)
    for_others = user.has_perm("space.book_for_others", facility)
    # Signed in, a bookable facility, and still not allowed: the page says why (a gate's words, e.g. members
    # only, with the way to join) instead of a form that would be refused.
    refusal = (booking_refusal(user, facility) if user.is_authenticated and facility.bookable
               and not (can_book or for_others) else None)
    form = None
    if can_book or for_others:
        initial = {}
        if request.GET.get("day") and request.GET.get("start"):  # a slot's link fills the form in
            initial = {"day": request.GET["day"][:10], "start": request.GET["start"][:5]}
        form = BookingForm(request.POST if request.method == "POST" else None, initial=initial,
                           facility=facility, for_others=for_others)

    def page():
        mine = list(selectors.bookings_of(user).filter(facility=facility)) if user.is_authenticated else []
        return render(request, "space/facility.html", {
            "facility": facility, "space": facility.space, "days": (days := selectors.week_of(facility, monday)),
            "rows": selectors.week_rows(days),
            "monday": monday, "prev_week": monday - timedelta(days=7), "next_week": monday + timedelta(days=7),
            "this_week": selectors.week_start(selectors.today()), "form": form, "can_book": can_book,
            "sees_names": user.has_perm("space.view_space_admin", facility.space),
            "can_manage": user.has_perm("space.manage_space", facility.space),
            "mine": mine, "mine_ids": {b.pk for b in mine}, "refusal": refusal,
        })

    if request.method == "POST":
        if form is None:
            if refusal is not None:  # refused in words on the page, nothing written
                response = page()
                response.status_code = 403
                return response
            require(user, "space.book_facility", facility, _("You cannot book this facility."))

        def book(day, start, minutes, purpose="", for_email=None):
            starts, ends = form.times()
            return services.book(facility=facility, person=for_email or user, by=user,
                                 starts_at=starts, ends_at=ends, purpose=purpose)

        return submit_form(request, form, book, success=_("Booked. You find it under “My bookings” below."),
                           to=lambda b: f"{facility.get_absolute_url()}?week={timezone.localdate(b.starts_at)}",
                           page=page)
    return page()


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = Booking.objects.select_related("facility__space").filter(pk=pk).first()
    if booking is None or not request.user.has_perm("space.view_booking", booking):
        raise Http404(_("No such booking."))
    attempt(request, partial(services.cancel, booking=booking, by=request.user), _("The booking is cancelled."))
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/space/")
                    else booking.facility.get_absolute_url())


@login_required
def space_bookings(request, slug):
    """The operator's (and prefectural staff's) list of the space's coming bookings, with whom they are for."""
    space = _space_or_404(slug)
    require(request.user, "space.view_space_admin", space, _("Only the space's operator and staff see this."))
    since = timezone.now() - timedelta(hours=1)
    return render(request, "space/bookings.html", {
        "space": space, "bookings": list(selectors.bookings_for_space(space.pk, since=since)[:500]),
        "can_manage": request.user.has_perm("space.manage_space", space),
        "closures": list(space.closures.order_by("starts_on")),
        "facilities": list(space.facilities.all()),
    })


@login_required
def closure_new(request, slug):
    space = _space_or_404(slug)
    require(request.user, "space.manage_space", space, _("Only the space's operator changes its closures."))
    form = ClosureForm(request.POST if request.method == "POST" else None)
    return submit_form(request, form, partial(services.closure_add, space=space, by=request.user),
                       success=_("The closure is saved."), to=reverse("space_bookings", args=[space.slug]),
                       page=lambda: render(request, "space/closure_form.html", {"space": space, "form": form}))


def space_ics(request, slug):
    space = _space_or_404(slug)
    since = timezone.now() - timedelta(days=30)
    body = ical.space_calendar(space, selectors.bookings_for_space(space.pk, since=since)[:2000],
                               space.closures.filter(ends_on__gte=since.date()),
                               base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="space-{space.slug}.ics"'
    return response


@login_required
def hours_edit(request, slug):
    """The operator sets the weekly hours (and the public holidays' row); a day without times is closed."""
    space = _space_or_404(slug)
    require(request.user, "space.manage_space", space, _("Only the space's operator changes its hours."))
    form = HoursForm(request.POST if request.method == "POST" else None,
                     initial=hours_initial(selectors.schedule_of(space.pk).weekly))
    return submit_form(request, form, partial(services.hours_set, space=space, by=request.user),
                       success=_("The opening hours are saved."), to=reverse("space_bookings", args=[space.slug]),
                       page=lambda: render(request, "space/hours_form.html", {"space": space, "form": form}))


def _facility_form_page(request, space, form, facility=None):
    return submit_form(request, form, partial(services.facility_save, space=space, by=request.user, facility=facility),
                       success=_("The facility is saved."), to=lambda f: f.get_absolute_url(),
                       page=lambda: render(request, "space/facility_form.html",
                                           {"space": space, "form": form, "facility": facility}))


@login_required
def facility_new(request, slug):
    space = _space_or_404(slug)
    require(request.user, "space.manage_space", space, _("Only the space's operator changes its facilities."))
    form = FacilityForm(request.POST or None, request.FILES or None, instance=Facility(space=space))
    return _facility_form_page(request, space, form)


@login_required
def facility_edit(request, pk):
    facility = _facility_or_404(pk)
    require(request.user, "space.manage_space", facility.space, _("Only the space's operator changes its facilities."))
    # The form gets its own copy: a ModelForm writes into its instance, and the service records the change
    form = FacilityForm(request.POST or None, request.FILES or None, instance=Facility.objects.get(pk=pk))
    return _facility_form_page(request, facility.space, form, facility)


def facility_photo(request, pk):
    """The facility's photo, served here rather than from MEDIA_URL (no web server setup needed)."""
    facility = _facility_or_404(pk)
    if not facility.photo:
        raise Http404(_("No such facility."))
    try:
        handle = facility.photo.open("rb")
    except OSError:
        raise Http404(_("No such facility.")) from None
    content_type = mimetypes.guess_type(facility.photo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
