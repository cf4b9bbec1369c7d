from yukemuri.organisations.services import membership_add, organisation_create
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.startups.demo import load_startup_demo
from yukemuri.startups.models import FundingRound, Programme, ProgressUpdate, Startup
from yukemuri.startups.selectors import startup_list


def test_demo_startups_load_once_and_are_marked(gunma):
    akiya = organisation_create(name="株式会社 アキヤラボ（デモ）", kind="startup", is_demo=True,
                                municipality=Municipality.objects.get(code="102083"))
    yui = PersonFactory(display_name="ゆい（デモ）")
    membership_add(organisation=akiya, person=yui)
    get = {"org-startup": akiya}.get
    assert load_startup_demo(get) > 20
    assert Programme.objects.count() == 4 and Startup.objects.count() == 3
    assert all(s.organisation.is_demo and s.organisation.name.endswith("（デモ）") and s.organisation.kind == "startup"
               for s in Startup.objects.select_related("organisation"))
    assert Startup.objects.get(organisation=akiya).updates.first().author == yui
    assert {s.organisation.name: s.raised for s in startup_list()}["株式会社 アキヤラボ（デモ）"] == 23_000_000
    counts = (Programme.objects.count(), Startup.objects.count(), FundingRound.objects.count(),
              ProgressUpdate.objects.count())
    assert load_startup_demo(get) == 0
    assert counts == (Programme.objects.count(), Startup.objects.count(), FundingRound.objects.count(),
                      ProgressUpdate.objects.count())


def test_demo_without_the_loaders_organisation_still_loads_the_others(gunma):
    assert load_startup_demo(lambda key: None) > 0
    assert Startup.objects.count() == 2
