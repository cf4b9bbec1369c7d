"""Who may do what with a space's memberships, visits and invoices (django-rules)."""

import rules

from yukemuri.people.rules import is_administrator, is_municipal_staff, is_operator, is_signed_in

# 運営: the operator (staff of the contracting company) runs the desk, the members and the invoices.
runs_desk = is_operator | is_administrator


@rules.predicate
def holds_membership(person, membership) -> bool:
    return membership is not None and person.is_authenticated and membership.person_id == person.pk


@rules.predicate
def invoice_is_theirs(person, invoice) -> bool:
    return (invoice is not None and person.is_authenticated and invoice.membership_id is not None
            and invoice.membership.person_id == person.pk)


rules.add_perm("membership.join", is_signed_in)
rules.add_perm("membership.change_membership", is_signed_in & holds_membership | runs_desk)
rules.add_perm("membership.manage_members", runs_desk)
rules.add_perm("membership.run_desk", runs_desk)
rules.add_perm("membership.issue_invoices", runs_desk)
# Prefectural staff see the members and invoices (they answer for the space) but change nothing.
rules.add_perm("membership.view_members", runs_desk | is_municipal_staff)
rules.add_perm("membership.view_invoice", is_signed_in & invoice_is_theirs | runs_desk | is_municipal_staff)
