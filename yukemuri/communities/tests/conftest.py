import pytest

from yukemuri.communities import services
from yukemuri.communities.models import Joining
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Area


@pytest.fixture
def organiser(db):
    return PersonFactory(display_name="世話人", email_verified=True)


@pytest.fixture
def make_community(gunma, organiser):
    def make(*, by=None, joining=Joining.OPEN, name="官民共創コミュニティ 北群馬渋川", slug="kitagunma-shibukawa",
             **fields):
        fields.setdefault("area", Area.objects.get(name="北群馬渋川"))
        return services.community_create(by=by or organiser, name=name, slug=slug,
                                         description="北群馬渋川の**未来**を一緒に。<script>x</script>",
                                         joining=joining, **fields)

    return make


@pytest.fixture
def community(make_community):
    return make_community()


@pytest.fixture
def closed(make_community):
    return make_community(joining=Joining.REQUEST, name="始動人サークル", slug="shidojin")


@pytest.fixture
def member(community):
    person = PersonFactory(display_name="メンバー")
    services.join(by=person, community=community, listed=True)
    return person
