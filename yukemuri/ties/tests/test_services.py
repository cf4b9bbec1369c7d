from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from yukemuri.people.tests.factories import PersonFactory
from yukemuri.ties import selectors, services
from yukemuri.ties.models import SurveyQuestion, Tie, TieSurvey


def test_a_tie_keeps_its_kinds_answers_and_consent_times(person, tsumagoi, tie_of):
    tie = tie_of(person, kinds=["fan", "donor", "fan"], since=2019, wishes=["farm", "online"],
                 wish_text=" 収穫を手伝いたい ", contact_consent=True)
    tie.refresh_from_db()
    assert sorted(tie.kinds) == ["donor", "fan"] and tie.since == 2019 and tie.wish_text == "収穫を手伝いたい"
    assert sorted(q.key for q in tie.wishes.all()) == ["farm", "online"]
    assert tie.contact_consented_at is not None and tie.public_consented_at is None
    # the first registration saved the default survey as the village's own
    assert TieSurvey.objects.get(municipality=tsumagoi).questions.count() == len(selectors.survey_questions(tsumagoi))


def test_one_tie_per_place_and_several_places(person, tsumagoi, kiryu, tie_of):
    tie_of(person)
    tie_of(person, municipality=kiryu, kinds=["hometown"])
    with translation.override("en"), pytest.raises(ValidationError, match="already registered"):
        tie_of(person, kinds=["visitor"])
    assert Tie.objects.filter(person=person).count() == 2


@pytest.mark.parametrize("since", [1899, date.today().year + 1, "2020", True, 2020.0])
def test_since_must_be_a_year_up_to_now(person, tie_of, since):
    with pytest.raises(ValidationError) as refused:
        tie_of(person, since=since)
    assert "since" in refused.value.message_dict
    assert not Tie.objects.exists()


def test_kinds_are_required_and_known(person, tie_of):
    with pytest.raises(ValidationError) as none:
        tie_of(person, kinds=[])
    with pytest.raises(ValidationError) as unknown:
        tie_of(person, kinds=["fan", "spy"])
    assert "kinds" in none.value.message_dict and "kinds" in unknown.value.message_dict
    assert not Tie.objects.exists()


def test_an_unknown_survey_answer_is_refused(person, tie_of):
    with pytest.raises(ValidationError) as refused:
        tie_of(person, wishes=["farm", "nonsense"])
    assert "wishes" in refused.value.message_dict and not Tie.objects.exists()


def test_only_the_person_edits_and_deletes_their_tie(person, other_person, tie_of):
    tie = tie_of(person, contact_consent=True, public_consent=True)
    agreed_at = tie.contact_consented_at
    with pytest.raises(PermissionDenied):
        services.tie_update(tie=tie, by=other_person, kinds=["visitor"])
    with pytest.raises(PermissionDenied):
        services.tie_delete(tie=tie, by=other_person)
    updated = services.tie_update(tie=tie, by=person, kinds=["visitor"], contact_consent=True, public_consent=False)
    assert updated.kinds == ["visitor"]
    assert updated.contact_consented_at == agreed_at  # a consent still given keeps its first time
    assert updated.public_consented_at is None  # unticking withdraws at once
    services.tie_delete(tie=tie, by=person)
    assert not Tie.objects.exists()


def test_an_inactive_account_cannot_register(tsumagoi):
    with pytest.raises(PermissionDenied):
        services.tie_create(person=PersonFactory(is_active=False), municipality=tsumagoi, kinds=["fan"])


def test_residence_is_given_once_for_all_ties(person, tsumagoi, kiryu, tie_of):
    tie_of(person, prefecture="13")
    assert selectors.residence_of(person) == "13"
    tie_of(person, municipality=kiryu)  # not given: kept
    assert selectors.residence_of(person) == "13"
    with pytest.raises(ValidationError):
        services.residence_set(person=person, prefecture="48")
    services.residence_set(person=person, prefecture="")
    assert selectors.residence_of(person) == ""


def test_staff_edit_the_survey_keeping_answers(person, tsumagoi, village_staff, tie_of):
    tie = tie_of(person, wishes=["farm", "move"])
    survey = services.survey_update(municipality=tsumagoi, by=village_staff, intro="一緒にやりましょう",
                                    lines=["キャベツの収穫を手伝いたい", "", "移住を考えている", "移住を考えている"])
    asked = list(selectors.survey_questions(tsumagoi))
    assert [q.text for q in asked] == ["キャベツの収穫を手伝いたい", "移住を考えている"] and survey.intro == "一緒にやりましょう"
    move = SurveyQuestion.objects.get(survey=survey, text="移住を考えている")
    assert move.key == "move" and move.active  # kept: the same text keeps the question
    # 農作業 is no longer asked, yet the answer given stays with the tie
    assert sorted(q.key for q in tie.wishes.all()) == ["farm", "move"]
    assert not SurveyQuestion.objects.get(survey=survey, key="farm").active
    # and an edit of the tie keeps an answer to a question no longer asked
    services.tie_update(tie=tie, by=person, kinds=["fan"], wishes=[asked[0].key])
    assert sorted(q.key for q in tie.wishes.all()) == sorted(["farm", asked[0].key])


def test_survey_limits_and_permission(tsumagoi, kiryu, village_staff, roles):
    with translation.override("en"), pytest.raises(ValidationError, match="at least one"):
        services.survey_update(municipality=tsumagoi, by=village_staff, lines=["", "  "])
    with pytest.raises(ValidationError):
        services.survey_update(municipality=tsumagoi, by=village_staff, lines=[f"質問{n}" for n in range(16)])
    with pytest.raises(ValidationError):
        services.survey_update(municipality=tsumagoi, by=village_staff, lines=["あ" * 101])
    for name in ("resident", "municipal_staff", "coordinator", "moderator"):
        with pytest.raises(PermissionDenied):
            services.survey_update(municipality=tsumagoi, by=roles[name], lines=["質問"])
    with pytest.raises(PermissionDenied):  # staff of 嬬恋村, not of 桐生市
        services.survey_update(municipality=kiryu, by=village_staff, lines=["質問"])
    assert not TieSurvey.objects.exists()  # a refused edit saves not even the defaults
    services.survey_update(municipality=kiryu, by=roles["staff"], lines=["織物を体験したい"])
    assert [q.text for q in selectors.survey_questions(kiryu)] == ["織物を体験したい"]


def test_the_guide_needs_a_way_to_reach_them(tsumagoi, village_staff):
    with pytest.raises(ValidationError) as refused:
        services.guide_set(municipality=tsumagoi, by=village_staff, name="浅間さん")
    assert "email" in refused.value.message_dict and selectors.guide_of(tsumagoi) is None
    services.guide_set(municipality=tsumagoi, by=village_staff, name="浅間さん", role="関係人口係",
                       email="Kankei@Example.jp")
    assert selectors.guide_of(tsumagoi).email == "kankei@example.jp"
    services.guide_set(municipality=tsumagoi, by=village_staff, name="")  # taken down
    assert selectors.guide_of(tsumagoi) is None


def test_counts_by_kind_and_by_prefecture(tsumagoi, kiryu, tie_of, gunma):
    from yukemuri.people.models import Relation
    from yukemuri.regions.models import Municipality

    maebashi = Municipality.objects.get(code="102016")
    tokyo, resident, elsewhere, gone, unknown = (PersonFactory() for _ in range(5))
    tie_of(tokyo, kinds=["fan", "donor"], prefecture="13")
    resident.relation, resident.home_municipality = Relation.RESIDENT, maebashi
    resident.save()
    tie_of(resident, kinds=["visitor"])  # lives in Gunma by their profile
    elsewhere.relation, elsewhere.home_municipality = Relation.ELSEWHERE, maebashi
    elsewhere.save()
    tie_of(elsewhere, kinds=["fan"])  # tied to 前橋 but not living there: unknown
    tie_of(gone, kinds=["fan"], prefecture="abroad")
    gone.is_active = False
    gone.save()  # a switched-off account is not counted
    tie_of(unknown, municipality=kiryu, kinds=["fan"])  # another place
    kinds = {row["key"]: row["count"] for row in selectors.counts_by_kind(tsumagoi)}
    assert kinds == {"fan": 2, "hometown": 0, "former_resident": 0, "visitor": 1, "works_studies": 0, "donor": 1,
                     "dual_residence": 0}
    assert selectors.total(tsumagoi) == 3
    with translation.override("en"):
        where = [(row["key"], row["label"], row["count"]) for row in selectors.counts_by_prefecture(tsumagoi)]
    assert where == [("10", "Gunma", 1), ("13", "Tokyo", 1), ("", "Not given", 1)]


def test_public_names_only_with_consent(person, other_person, tie_of, tsumagoi):
    tie_of(person, public_consent=True)
    tie_of(other_person, public_consent=False, contact_consent=True)
    names = [entry["name"] for entry in selectors.public_names(tsumagoi)]
    assert names == [person.display_name]


def test_contact_members_only_with_consent(person, other_person, tie_of, tsumagoi, village_staff):
    tie_of(person, contact_consent=True)
    tie_of(other_person, public_consent=True)
    assert [tie.person for tie in services.members_export(municipality=tsumagoi, by=village_staff)] == [person]


def test_deleting_the_account_erases_ties_and_residence(person, tsumagoi, tie_of):
    from yukemuri.people.services import person_delete
    from yukemuri.ties.models import Residence, TieKind

    tie_of(person, kinds=["fan", "donor"], wishes=["farm"], prefecture="13", contact_consent=True)
    person_delete(person=person)
    assert not Tie.objects.exists() and not TieKind.objects.exists() and not Residence.objects.exists()
    assert selectors.total(tsumagoi) == 0 and selectors.counts_by_prefecture(tsumagoi) == []
