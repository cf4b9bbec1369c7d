"""Who imports event files (opendata/rules.py): role → allowed; also whoever holds events.add_event."""

import pytest
from django.contrib.auth.models import Permission

from yukemuri.core.tests.permission_grid import grid, person_for
from yukemuri.people.tests.factories import PersonFactory


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), grid({
    "opendata.import_events": ("staff", "may_add_events"),
}))
def test_opendata_permissions(perm, state, role, allowed, roles):
    may_add_events = PersonFactory()
    may_add_events.user_permissions.add(Permission.objects.get(content_type__app_label="events", codename="add_event"))
    assert person_for(roles, role, may_add_events=may_add_events).has_perm(perm) is allowed
