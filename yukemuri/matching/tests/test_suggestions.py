"""The Django side of matching: who is in the pool, openings mirrored from roles, suggestions and answers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yukemuri.matching import services
from yukemuri.matching.models import Opening, Profile, Suggestion
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.services import consent_grant
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.teams import services as teams
from yukemuri.teams.models import RoleKind, TeamMember
from yukemuri.topics.models import Skill


def helper(name, code="102083", skills=(("まちづくり", 3),), consent=True, **profile):
    person = PersonFactory(display_name=name, home_municipality=Municipality.objects.get(code=code))
    for skill, level in skills:
        person.person_skills.create(skill=Skill.objects.get_or_create_many([skill])[0], level=level)
    if consent:
        consent_grant(person=person, purpose=ConsentPurpose.MATCHING)
    Profile.objects.create(person=person, **({"travel_km": 50} | profile))
    return person


@pytest.fixture
def role(person, make_idea):
    idea = make_idea(person, sdg_numbers=[11])
    return teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON, skill_names=["まちづくり"])


def test_only_people_who_agreed_are_suggested_and_never_the_team(role, person):
    consent_grant(person=person, purpose=ConsentPurpose.MATCHING)  # the proposer, already on the team
    fit = helper("まちづくりの人")
    shy = helper("同意していない人", consent=False)
    made = services.suggest()
    assert [(s.person, s.opening.role) for s in made] == [(fit, role)]
    assert not Suggestion.objects.filter(person__in=[shy, person]).exists()


def test_suggestions_carry_reasons_whose_values_add_up(role):
    helper("まちづくりの人")
    suggestion = services.suggest()[0]
    keys = {c["key"] for c in suggestion.why}
    assert {"skills", "distance"} <= keys
    assert abs(sum(c["value"] for c in suggestion.why) - suggestion.score) < 1e-9


def test_travel_and_online_only_are_hard_limits(role):
    helper("遠くの人", code="104434", travel_km=5)  # 片品村, far from 渋川市
    helper("オンラインだけの人", online_only=True)
    assert services.suggest() == []


def test_accepting_joins_the_team_and_declined_is_never_offered_again(role, person):
    first, second = helper("一人目"), helper("二人目")
    Profile.objects.filter(person=second).update(capacity=1)
    suggestion = services.suggest()[0]
    with pytest.raises(PermissionDenied):
        services.answer(suggestion=suggestion, by=person, status="accepted")
    other = second if suggestion.person == first else first
    services.answer(suggestion=suggestion, by=suggestion.person, status="declined")
    again = services.suggest()
    assert [s.person for s in again] == [other]
    services.answer(suggestion=again[0], by=other, status="accepted")
    assert TeamMember.objects.filter(idea=role.idea, person=other, role=RoleKind.KEY_PERSON).exists()
    role.refresh_from_db()
    assert not role.is_open
    assert not Opening.objects.get(role=role).is_open or services.refresh_openings() >= 0
    with pytest.raises(ValidationError):
        services.answer(suggestion=again[0], by=other, status="accepted")
    assert services.suggest() == []  # the role is filled: nothing more to offer


def test_not_now_rests_the_pair(role):
    someone = helper("いまは忙しい人")
    services.answer(suggestion=services.suggest()[0], by=someone, status="later")
    assert services.suggest() == []


def test_my_suggestions_page_shows_reasons_and_answers(client, role):
    someone = helper("まちづくりの人")
    services.suggest()
    client.force_login(someone)
    page = client.get(reverse("my_suggestions")).content.decode()
    assert role.idea.title in page and "スキルが合っています：まちづくり" in page
    suggestion = Suggestion.objects.get(person=someone)
    response = client.post(reverse("suggestion_answer", args=[suggestion.pk]), {"status": "accepted"})
    assert response.status_code == 302 and response["Location"] == role.idea.get_absolute_url()
    team_page = client.get(reverse("team", args=[role.idea.pk])).content.decode()
    assert "キーマン" in team_page


def test_candidates_for_the_team_and_coordinators_only(client, role, person, coordinator):
    helper("まちづくりの人")
    services.refresh_openings()
    opening = Opening.objects.get(role=role)
    client.force_login(PersonFactory())
    assert client.get(reverse("opening_candidates", args=[opening.pk])).status_code == 403
    client.force_login(person)
    page = client.get(reverse("opening_candidates", args=[opening.pk])).content.decode()
    assert "まちづくりの人" in page and "スキルが合っています" in page


def test_volunteer_day_assigns_helpers_to_tasks(coordinator, gunma):
    from datetime import date

    cooks = [helper(f"料理の人{i}", skills=(("料理", 2),)) for i in range(3)]
    helper("草刈りの人", skills=(("農業", 3),))
    day = services.volunteer_day_create(
        by=coordinator, title="渋川 ボランティアの日", description="", date=date(2027, 5, 15),
        municipality=Municipality.objects.get(code="102083"), place="公民館",
        tasks=[{"title": "炊き出し", "helpers": 2, "part": "am", "skills": ["料理"]},
               {"title": "草刈り", "helpers": 1, "part": "am", "skills": ["農業"]}])
    made = services.assign_day(day=day, by=coordinator)
    by_task = {}
    for suggestion in made:
        by_task.setdefault(suggestion.opening.task.title, []).append(suggestion.person.display_name)
    assert len(by_task["炊き出し"]) == 2 and set(by_task["炊き出し"]) <= {c.display_name for c in cooks}
    assert by_task["草刈り"] == ["草刈りの人"]
    with pytest.raises(PermissionDenied):
        services.assign_day(day=day, by=PersonFactory())


def test_a_helper_saying_yes_tells_the_organiser(coordinator, gunma, committed, rolled_back):
    from datetime import date

    from yukemuri.notifications.models import Notification

    cook = helper("料理の人", skills=(("料理", 2),))
    day = services.volunteer_day_create(
        by=coordinator, title="炊き出しの日", description="", date=date(2027, 6, 5),
        municipality=Municipality.objects.get(code="102083"), place="",
        tasks=[{"title": "炊き出し", "helpers": 1, "part": "am", "skills": ["料理"]}])
    suggestion = services.assign_day(day=day, by=coordinator)[0]
    rolled_back(lambda: services.answer(suggestion=suggestion, by=cook, status="accepted"))
    assert not Notification.objects.filter(person=coordinator).exists()  # a rolled-back yes tells no one
    committed(lambda: services.answer(suggestion=suggestion, by=cook, status="accepted"))
    assert "said yes" in Notification.objects.get(person=coordinator).message


def test_a_consultation_finds_people_with_the_required_skill(coordinator, gunma, committed):
    from yukemuri.notifications.models import Notification

    helper("通訳の人", skills=(("通訳（ベトナム語）", 3),))
    helper("料理の人", skills=(("料理", 2),))
    with pytest.raises(PermissionDenied):
        services.consultation_open(by=PersonFactory(), title="t", online=True)
    opening = services.consultation_open(by=coordinator, title="外国人住民向け防災説明会の通訳",
                                         skills_required=["通訳（ベトナム語）"], online=True)
    made = services.suggest(openings=Opening.objects.filter(pk=opening.pk))
    assert [s.person.display_name for s in made] == ["通訳の人"]
    committed(lambda: services.answer(suggestion=made[0], by=made[0].person, status="accepted"))
    assert "said yes" in Notification.objects.get(person=coordinator).message


def test_people_hear_of_their_suggestions(role, committed, rolled_back):
    from yukemuri.notifications.models import Notification

    someone = helper("まちづくりの人")
    rolled_back(services.suggest)
    assert not Notification.objects.filter(person=someone).exists()
    committed(services.suggest)
    notice = Notification.objects.get(person=someone)
    assert notice.url == "/me/suggestions/" and role.idea.title in notice.text
