import rules

from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in

rules.add_perm("funding.confirm_payment", is_signed_in & (is_municipal_staff | is_coordinator | is_administrator))


@rules.predicate
def is_supporter(user, pledge) -> bool:
    return bool(pledge is not None and user.is_authenticated and pledge.supporter_id == user.pk)


@rules.predicate
def confirms_its_payments(user, pledge) -> bool:
    return bool(pledge is not None and user.has_perm("funding.confirm_payment", pledge.campaign))


# An unpaid pledge is withdrawn by its supporter, or by those who confirm payments.
rules.add_perm("funding.cancel_pledge", is_signed_in & (is_supporter | confirms_its_payments))
