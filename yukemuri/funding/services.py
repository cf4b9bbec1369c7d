"""Services for funding: open a campaign, pledge, confirm, cancel, and settle at the deadline.

Every change of a pledge's state and the campaign's totals happens in one transaction with the
campaign row locked, so totals are exact and a pledge is never counted twice or lost.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.money import MAX_PLEDGE_YEN, check_yen
from yukemuri.core.permissions import require
from yukemuri.core.tasks import enqueue_later
from yukemuri.organisations.services import is_member

from .models import Campaign, Pledge, _reference
from .payment import clean_payment
from .providers import provider


@transaction.atomic
def campaign_create(*, idea, by, title: str, purpose: str, goal_yen: int, deadline, mode=Campaign.Mode.ALL_OR_NOTHING,
                    for_pilot: bool = False, provider_name: str = "offline", **payment) -> Campaign:
    """Open a campaign for an idea (or its pilot). One open campaign per idea at a time. `payment` holds
    the payment details (payment.FIELDS): without them nobody would know where to send the money."""
    require(by, "ideas.move_idea", idea, _("Only the idea's team leads, coordinators and staff can open a campaign."))
    errors = {}
    try:
        payment = clean_payment(**payment)
    except ValidationError as exc:
        errors.update({field: messages[0] for field, messages in exc.message_dict.items()})
    if not title.strip():
        errors["title"] = _("Give the campaign a title.")
    if not purpose.strip():
        errors["purpose"] = _("Say what the money does.")
    if deadline <= timezone.now():
        errors["deadline"] = _("The deadline must be in the future.")
    if errors:
        raise ValidationError(errors)
    goal_yen = check_yen(goal_yen, field="goal_yen", most=MAX_PLEDGE_YEN)  # the money rule: core.money
    provider(provider_name)
    if Campaign.objects.filter(idea=idea, status=Campaign.Status.OPEN).exists():
        raise ValidationError({"title": _("This idea already has an open campaign.")})
    campaign = Campaign.objects.create(idea=idea, title=title.strip(), purpose=purpose.strip(), goal_yen=goal_yen,
                                       deadline=deadline, mode=mode, for_pilot=for_pilot, provider=provider_name,
                                       created_by=by, **payment)
    action_record(actor=by, verb=verbs.CAMPAIGN_OPENED, target=campaign,
                  data={"idea": idea.pk, "goal_yen": goal_yen, "deadline": deadline.isoformat()})
    from . import tasks

    transaction.on_commit(lambda: enqueue_later(tasks.settle_campaign, deadline, campaign.pk))
    return campaign


@transaction.atomic
def campaign_payment_update(*, campaign, by, **payment) -> Campaign:
    """The team corrects where the money goes (pledges already made keep their reference codes)."""
    require(by, "ideas.move_idea", campaign.idea,
            _("Only the idea's team leads, coordinators and staff can change the campaign."))
    payment = clean_payment(**payment)
    campaign = _locked(campaign)
    changes = diff({field: getattr(campaign, field) for field in payment}, payment)
    for field, value in payment.items():
        setattr(campaign, field, value)
    campaign.save(update_fields=list(payment))
    if changes:  # who changed where the money goes, and from what: supporters' money depends on it
        action_record(actor=by, verb=verbs.CAMPAIGN_PAYMENT_CHANGED, target=campaign, data=changes)
    return campaign


def _locked(campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def pledge_create(*, campaign, supporter, amount_yen: int, organisation=None, anonymous: bool = False,
                  corporate: bool = False) -> Pledge:
    """Pledge an amount in yen, as a person or on behalf of an organisation one belongs to."""
    amount_yen = check_yen(amount_yen, field="amount_yen", most=MAX_PLEDGE_YEN)
    if organisation is not None and not is_member(person=supporter, organisation=organisation):
        raise PermissionDenied(_("You can only pledge on behalf of an organisation you belong to."))
    if corporate and (organisation is None or organisation.kind not in ("company", "startup")):
        raise ValidationError({"corporate": _("A corporate sponsorship is made on behalf of a company.")})
    locked = _locked(campaign)
    if not locked.is_open:
        raise ValidationError({"amount_yen": _("This campaign no longer takes pledges.")})
    if not locked.has_payment_details:  # opened before campaigns had them: nobody would know where to pay
        raise ValidationError({"amount_yen": _("This campaign takes pledges once its team says where the money "
                                               "goes.")})
    pledge = _create_with_unique_reference(campaign=locked, amount_yen=amount_yen, supporter=supporter,
                                           organisation=organisation, anonymous=anonymous, corporate=corporate,
                                           changed_by=supporter)
    Campaign.objects.filter(pk=locked.pk).update(pledged_yen=F("pledged_yen") + amount_yen,
                                                 pledge_count=F("pledge_count") + 1)
    from . import tasks

    transaction.on_commit(lambda: tasks.send_pledge_instructions.enqueue(pledge.pk))
    return pledge


def _create_with_unique_reference(**fields) -> Pledge:
    """Reference codes are short, so two may collide: the unique index refuses the second, and it draws
    again (in a savepoint, so the surrounding transaction carries on)."""
    for _attempt in range(10):
        reference = _reference()
        try:
            with transaction.atomic():
                return Pledge.objects.create(reference=reference, **fields)
        except IntegrityError:
            if not Pledge.objects.filter(reference=reference).exists():
                raise  # another constraint refused it: not ours to retry
    raise IntegrityError("no free pledge reference after 10 draws")


def _set(pledge, status, by, *, pledged_delta=0, confirmed_delta=0, count_delta=0):
    pledge.status, pledge.changed_at, pledge.changed_by = status, timezone.now(), by
    pledge.save(update_fields=["status", "changed_at", "changed_by"])
    if pledged_delta or confirmed_delta or count_delta:
        Campaign.objects.filter(pk=pledge.campaign_id).update(
            pledged_yen=F("pledged_yen") + pledged_delta, confirmed_yen=F("confirmed_yen") + confirmed_delta,
            pledge_count=F("pledge_count") + count_delta)


@transaction.atomic
def pledge_confirm(*, pledge, by) -> Pledge:
    """The money arrived. After a successful settlement it is collected at once."""
    campaign = _locked(pledge.campaign)
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    pay = provider(campaign.provider)
    pay.confirm(pledge, by)
    if pledge.status != Pledge.Status.PLEDGED:
        raise ValidationError({"pledge": _("Only a pledge waiting for its payment can be confirmed.")})
    if campaign.status not in (Campaign.Status.OPEN, Campaign.Status.SUCCEEDED, Campaign.Status.ENDED):
        raise ValidationError({"pledge": _("This campaign is closed; the pledge cannot be confirmed.")})
    _set(pledge, Pledge.Status.CONFIRMED, by, confirmed_delta=pledge.amount_yen)
    if campaign.status != Campaign.Status.OPEN:
        pay.collect(pledge)
        _set(pledge, Pledge.Status.COLLECTED, by)
    action_record(actor=by, verb=verbs.PLEDGE_CONFIRMED, target=pledge,
                  data={"old": Pledge.Status.PLEDGED, "new": pledge.status, "amount_yen": pledge.amount_yen})
    return pledge


@transaction.atomic
def pledge_cancel(*, pledge, by) -> Pledge:
    """Withdraw a pledge whose money has not arrived yet (its supporter or staff)."""
    campaign = _locked(pledge.campaign)
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    require(by, "funding.cancel_pledge", pledge, _("Only the supporter or staff can cancel this pledge."))
    if pledge.status != Pledge.Status.PLEDGED or campaign.status != Campaign.Status.OPEN:
        raise ValidationError({"pledge": _("Only an unpaid pledge of an open campaign can be cancelled.")})
    _set(pledge, Pledge.Status.CANCELLED, by, pledged_delta=-pledge.amount_yen, count_delta=-1)
    action_record(actor=by, verb=verbs.PLEDGE_CANCELLED, target=pledge,
                  on_behalf_of=pledge.organisation if pledge.organisation_id and by.pk == pledge.supporter_id else None,
                  data={"old": Pledge.Status.PLEDGED, "new": Pledge.Status.CANCELLED, "amount_yen": pledge.amount_yen})
    return pledge


@transaction.atomic
def campaign_settle(campaign, now=None) -> Campaign:
    """At the deadline: count the money that arrived. All or nothing collects everything on success and
    refunds every pledge on failure; keep-what-you-raise always collects. Unpaid promises lapse."""
    campaign = _locked(campaign)
    now = now or timezone.now()
    if campaign.status != Campaign.Status.OPEN or campaign.deadline > now:
        return campaign
    reached = campaign.confirmed_yen >= campaign.goal_yen
    pay = provider(campaign.provider)
    keep = reached or campaign.mode == Campaign.Mode.KEEP
    for pledge in Pledge.objects.select_for_update().filter(
            campaign=campaign, status__in=[Pledge.Status.PLEDGED, Pledge.Status.CONFIRMED]):
        old = pledge.status
        if pledge.status == Pledge.Status.CONFIRMED and keep:
            pay.collect(pledge)
            _set(pledge, Pledge.Status.COLLECTED, None)
        elif pledge.status == Pledge.Status.CONFIRMED:
            pay.refund(pledge)
            _set(pledge, Pledge.Status.REFUNDED, None, pledged_delta=-pledge.amount_yen,
                 confirmed_delta=-pledge.amount_yen, count_delta=-1)
        else:
            pay.refund(pledge)
            status = Pledge.Status.CANCELLED if keep else Pledge.Status.REFUNDED
            _set(pledge, status, None, pledged_delta=-pledge.amount_yen, count_delta=-1)
        if pledge.status != Pledge.Status.COLLECTED:  # the system refunds, or lets an unpaid promise lapse
            action_record(actor=None, verb=verbs.PLEDGE_REFUNDED if pledge.status == Pledge.Status.REFUNDED
                          else verbs.PLEDGE_CANCELLED, target=pledge,
                          data={"old": old, "new": pledge.status, "amount_yen": pledge.amount_yen,
                                "reason": "settlement"})
    if reached:
        campaign.status = Campaign.Status.SUCCEEDED
    else:
        campaign.status = Campaign.Status.ENDED if campaign.mode == Campaign.Mode.KEEP else Campaign.Status.FAILED
    campaign.settled_at = now
    campaign.save(update_fields=["status", "settled_at"])
    campaign.refresh_from_db()
    # The supporters and the idea's followers hear of the result after commit (funding/receivers.py).
    action_record(actor=None, verb=verbs.CAMPAIGN_SETTLED, target=campaign,
                  data={"old": Campaign.Status.OPEN, "new": campaign.status, "confirmed_yen": campaign.confirmed_yen,
                        "goal_yen": campaign.goal_yen})
    return campaign


def settle_due(now=None) -> int:
    """Settle every open campaign whose deadline has passed (the sweep behind the task queue)."""
    from .selectors import due_campaigns

    return sum(1 for campaign in due_campaigns(now) if campaign_settle(campaign, now).status != Campaign.Status.OPEN)


def instructions(pledge) -> str:
    return provider(pledge.campaign.provider).instructions(pledge)
