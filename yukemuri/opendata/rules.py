import rules


@rules.predicate
def may_add_events(user) -> bool:
    """Django's model permission events.add_event, given in the admin to a person or a group."""
    return bool(user.is_authenticated and user.has_perm("events.add_event"))


# Event files are imported by site staff and by those given the right to add events in the admin.
rules.add_perm("opendata.import_events", rules.is_active & (rules.is_staff | may_add_events))
