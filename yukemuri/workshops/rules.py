import rules

from yukemuri.events.selectors import takes_part
from yukemuri.people.rules import is_administrator, is_coordinator, is_signed_in


@rules.predicate
def runs_session(user, event) -> bool:
    return bool(event is not None and user.has_perm("events.manage_event", event))


@rules.predicate
def at_the_table(user, event) -> bool:
    return bool(event is not None and takes_part(event, user))


# The people at the table build the diagram; organisers and coordinators help and tidy up.
rules.add_perm("workshops.edit_diagram", is_signed_in & (at_the_table | runs_session | is_coordinator | is_administrator))
