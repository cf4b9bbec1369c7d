"""Membership pages: plans and sign-up, one's own memberships, card, visits and invoices (/space/membership/);
the operator's desk, members and monthly invoices. Thin: forms → services, reads from selectors."""

from datetime import date
from functools import partial

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import require
from yukemuri.core.qr import qr_svg
from yukemuri.core.views_helpers import attempt, submit_form
from yukemuri.space.models import Space

from . import documents, selectors, services, tasks
from .forms import ChangePlanForm, DeskForm, JoinForm, MonthForm, NamedMemberForm
from .models import Membership, MembershipPlan


def _space(slug) -> Space:
    return get_object_or_404(Space, slug=slug)


def _membership(request, pk) -> Membership:
    membership = Membership.objects.select_related("plan__space", "person", "organisation").filter(pk=pk).first()
    if membership is None or not request.user.has_perm("membership.change_membership", membership):
        raise Http404(_("No such membership."))
    return membership


def home(request):
    """Plans of each space, and for a signed-in person their memberships, member card, visits and invoices."""
    spaces = []
    for space in Space.objects.order_by("name"):
        plans = list(selectors.plans_of(space))
        if plans:
            spaces.append({"space": space, "plans": plans})
    context = {"spaces": spaces}
    if request.user.is_authenticated:
        memberships = list(selectors.memberships_of(request.user)[:20])
        today = timezone.localdate()
        cards = []
        for space in {m.plan.space for m in memberships if m.ends_on is None or m.ends_on >= today}:
            card = selectors.card_of(space, request.user)
            if card is not None:
                desk = request.build_absolute_uri(reverse("membership_desk", args=[space.slug]) + f"?code={card.code}")
                cards.append({"space": space, "code": card.code,
                              "qr": qr_svg(desk, _("QR code of member card %(code)s") % {"code": card.code})})
        context.update({
            "memberships": memberships, "cards": cards, "today": today,
            "visits": list(selectors.visits_of(request.user)[:20]),
            "invoices": list(selectors.invoices_of(request.user)[:24]),
            "desks": [space for space in Space.objects.order_by("name")
                      if request.user.has_perm("membership.run_desk", space)],
        })
    return render(request, "membership/home.html", context)


@login_required
def join(request, plan_pk):
    plan = get_object_or_404(MembershipPlan.objects.select_related("space"), pk=plan_pk, active=True)
    require(request.user, "membership.join", message=_("Log in to become a member."))
    form = JoinForm(request.POST or None, plan=plan, person=request.user)
    return submit_form(request, form, partial(services.join, by=request.user, plan=plan),
                       success=_("Welcome: you are a member. Show your member card's code at the desk."),
                       to=lambda membership: reverse("membership_home"),
                       page=lambda: render(request, "membership/join.html", {"plan": plan, "form": form}))


@login_required
def change(request, pk):
    membership = _membership(request, pk)
    plans = selectors.plans_of(membership.plan.space).exclude(pk=membership.plan_id)
    form = ChangePlanForm(request.POST or None, plans=plans)
    return submit_form(request, form, partial(services.change_plan, by=request.user, membership=membership),
                       success=_("Your plan changes at the start of next month."),
                       to=lambda m: reverse("membership_home"),
                       page=lambda: render(request, "membership/change.html", {"membership": membership, "form": form}))


def _corporate(request, pk) -> Membership:
    membership = _membership(request, pk)
    if not membership.plan.corporate:
        raise Http404(_("No such membership."))
    return membership


@login_required
def named_members(request, pk):
    """登録利用者: the holder of a corporate membership (or the operator) names colleagues up to the plan's number;
    each gets a member card of their own (services.named_member_add)."""
    membership = _corporate(request, pk)
    form = NamedMemberForm(request.POST or None)
    here = reverse("membership_named", args=[membership.pk])

    def page():
        named = list(membership.named.select_related("person").order_by("pk"))
        cards = {c.person_id: c.code for c in selectors.cards_of(membership.plan.space, [n.person_id for n in named])}
        return render(request, "membership/named.html", {
            "membership": membership, "form": form, "cards": cards,
            "named": [(n.person, cards.get(n.person_id, "")) for n in named],
            "full": len(named) >= membership.plan.named_members})

    return submit_form(request, form, partial(services.named_member_add, by=request.user, membership=membership),
                       success=_("Your changes are saved."), to=here, page=page)


@login_required
@require_POST
def named_member_remove(request, pk, person_pk):
    membership = _corporate(request, pk)
    person = get_object_or_404(get_user_model(), pk=person_pk)
    attempt(request, partial(services.named_member_remove, by=request.user, membership=membership, person=person),
            _("Your changes are saved."))
    return redirect(reverse("membership_named", args=[membership.pk]))


@login_required
@require_POST
def cancel(request, pk):
    membership = _membership(request, pk)
    attempt(request, lambda: services.cancel(by=request.user, membership=membership),
            lambda m: _("The membership ends on %(day)s.") % {"day": m.ends_on.isoformat()})
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(back if back and safe else reverse("membership_home"))


@login_required
def desk(request, slug):
    """The desk: type a member's code or scan their card's QR (it opens this page with the code): checks them in
    when they are out, out when they are in. Today's visits below."""
    space = _space(slug)
    require(request.user, "membership.run_desk", space, _("Only the space's operator runs the desk."))
    form = DeskForm(request.POST or None, initial={"code": request.GET.get("code", "")[:20]})

    def page(form, result=None):
        today = timezone.localdate()
        return render(request, "membership/desk.html", {
            "space": space, "form": form, "result": result, "today": today,
            "visits": list(selectors.visits_on(space, today))})

    return submit_form(request, form, partial(services.desk_scan, by=request.user, space=space),
                       to=lambda found: page(DeskForm(), {"visit": found[0], "direction": found[1]}),
                       page=lambda: page(form))


def _month(request) -> date:
    form = MonthForm(request.GET)
    if form.is_valid() and form.cleaned_data.get("month"):
        return form.cleaned_data["month"].replace(day=1)
    return timezone.localdate().replace(day=1)


@login_required
def members(request, slug):
    space = _space(slug)
    require(request.user, "membership.view_members", space, _("Only the space's operator sees its members."))
    today = timezone.localdate()
    return render(request, "membership/members.html", {
        "space": space, "today": today, "members": list(selectors.members_of(space)),
        "can_manage": request.user.has_perm("membership.manage_members", space),
        "visits": list(selectors.visits_on(space, today))})


@login_required
def invoices(request, slug):
    """A month's invoices of a space; the operator issues them (a background task, idempotent)."""
    space = _space(slug)
    require(request.user, "membership.view_members", space, _("Only the space's operator sees its invoices."))
    month = _month(request)
    if request.method == "POST":
        require(request.user, "membership.issue_invoices", space, _("Only the space's operator issues invoices."))
        tasks.issue_invoices.enqueue(space.pk, month.isoformat())
        messages.success(request, _("The month's invoices are being issued; this page lists them when done."))
        return redirect(reverse("membership_invoices", args=[space.slug]) + f"?month={month:%Y-%m}")
    return render(request, "membership/invoices.html", {
        "space": space, "month": month, "form": MonthForm(initial={"month": month}),
        "invoices": list(selectors.invoices_of_month(space, month)),
        "can_issue": request.user.has_perm("membership.issue_invoices", space)})


@login_required
def invoices_csv(request, slug):
    space = _space(slug)
    require(request.user, "membership.view_members", space, _("Only the space's operator sees its invoices."))
    month = _month(request)
    rows = selectors.invoices_of_month(space, month).prefetch_related("lines")
    response = HttpResponse(documents.invoices_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="invoices-{space.slug}-{month:%Y-%m}.csv"'
    return response


def _invoice(request, pk):
    invoice = selectors.invoice_detail(pk)
    if invoice is None or not request.user.has_perm("membership.view_invoice", invoice):
        raise Http404(_("No such invoice."))
    return invoice


@login_required
def invoice_csv(request, pk):
    """One invoice as CSV, for the member's bookkeeping (the operator's CSV lists a whole month)."""
    invoice = _invoice(request, pk)
    response = HttpResponse(documents.invoices_csv([invoice]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.csv"'
    return response


@login_required
def invoice_pdf(request, pk):
    invoice = _invoice(request, pk)
    response = HttpResponse(documents.invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    return response


