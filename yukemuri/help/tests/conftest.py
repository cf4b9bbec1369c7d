from datetime import timedelta

import pytest
from django.utils import timezone

from yukemuri.help import services
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory


@pytest.fixture
def farm(municipality):
    return Organisation.objects.create(name="渋川の農園", kind=Organisation.Kind.COMPANY, municipality=municipality,
                                       verified=True)


@pytest.fixture
def farmer(farm):
    person = PersonFactory(display_name="農園の人")
    Membership.objects.create(organisation=farm, person=person)
    return person


@pytest.fixture
def staff(db):
    person = PersonFactory(display_name="市の職員")
    role_assign(person=person, role=Role.MUNICIPAL_STAFF)
    return person


def soon(days=7, hours=0):
    return timezone.now().replace(microsecond=0) + timedelta(days=days, hours=hours)


@pytest.fixture
def make_request(municipality, farm, farmer):
    def make(*, by=None, host=farm, publish=True, helpers=2, slots=1, **fields):
        by = by or farmer
        fields.setdefault("title", "りんごの収穫")
        fields.setdefault("description", "**収穫**を手伝ってください。<script>x</script>")
        fields.setdefault("kind", "harvest")
        request = services.request_create(by=by, host=host, municipality=municipality, **fields)
        for n in range(slots):
            starts = soon(days=7 + n)
            services.slot_add(request=request, by=by, starts_at=starts, ends_at=starts + timedelta(hours=3),
                              helpers=helpers)
        if publish:
            request = services.request_publish(request=request, by=by)
        return request

    return make
