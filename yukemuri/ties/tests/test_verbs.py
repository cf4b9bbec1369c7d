"""The ties verbs of the action stream: recorded in the write's transaction, heard only after commit."""

from yukemuri.actions import verbs
from yukemuri.actions.tests.conftest import stream  # noqa: F401  (the fixture)
from yukemuri.ties import selectors, services


def test_ties_survey_changed(stream, tsumagoi, village_staff):  # noqa: F811
    action = stream.assert_recorded(
        verbs.TIES_SURVEY_CHANGED,
        lambda: services.survey_update(municipality=tsumagoi, by=village_staff, lines=["雪かきを手伝いたい"]),
        lambda: [q.text for q in selectors.survey_questions(tsumagoi)], actor=village_staff,
        data={"new": ["雪かきを手伝いたい"]})
    assert action.data["old"][0] == "農作業を手伝いたい"


def test_ties_guide_changed(stream, tsumagoi, village_staff):  # noqa: F811
    stream.assert_recorded(
        verbs.TIES_GUIDE_CHANGED,
        lambda: services.guide_set(municipality=tsumagoi, by=village_staff, name="浅間さん", email="a@example.jp"),
        lambda: getattr(selectors.guide_of(tsumagoi), "name", None), actor=village_staff,
        data={"name": {"old": "", "new": "浅間さん"}})


def test_ties_members_exported(stream, tsumagoi, village_staff, person, tie_of):  # noqa: F811
    from yukemuri.actions.models import Action

    tie_of(person, contact_consent=True)
    action = stream.assert_recorded(
        verbs.TIES_MEMBERS_EXPORTED, lambda: services.members_export(municipality=tsumagoi, by=village_staff),
        lambda: Action.objects.filter(verb=verbs.TIES_MEMBERS_EXPORTED).count(), actor=village_staff,
        data={"people": 1})
    assert action.target == tsumagoi
