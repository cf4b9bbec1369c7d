import pytest

from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

TEXT = "## めざす姿\n\n空き家が地域の拠点になっている。\n\n## 取り組むこと\n\n- 空き家の情報を集める\n\n子どもの居場所をつくる。"


@pytest.fixture
def staff(db):
    person = PersonFactory(display_name="県職員")
    role_assign(person=person, role=Role.MUNICIPAL_STAFF)
    return person


@pytest.fixture
def area(gunma):
    from yukemuri.regions.models import Area

    return Area.objects.get(name="北群馬渋川")


@pytest.fixture
def make_vision(staff, area):
    from yukemuri.topics.models import Theme
    from yukemuri.visions import services

    def make(*, themes=("空き家",), body=TEXT, **kwargs):
        kwargs.setdefault("area", area)
        return services.vision_create(by=staff, title="手をつなぐ未来", body=body,
                                      themes=Theme.objects.get_or_create_many(themes), **kwargs)

    return make


@pytest.fixture
def vision(make_vision):
    return make_vision()
