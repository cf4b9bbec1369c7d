"""The way of an idea: every rule of every stage, who may move it, and its history."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from yukemuri.funding import services as funding
from yukemuri.funding.tests.factories import PAYMENT
from yukemuri.ideas import stages
from yukemuri.ideas.models import Idea, Stage, StageChange, Status
from yukemuri.notifications.models import Notification
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.teams import services as teams
from yukemuri.teams.models import RoleKind


def refusal(exc) -> str:
    return " ".join(str(m) for m in exc.value.messages)


def with_team(idea, lead):
    role = teams.role_open(idea=idea, by=lead, kind=RoleKind.KEY_PERSON, skill_names=["まちづくり"])
    key_person = PersonFactory()
    teams.answer(application=teams.apply(role=role, person=key_person), by=lead, accept=True)
    return key_person


def with_plan(idea, lead, **extra):
    partner = OrganisationFactory(kind="municipality", name="渋川市")
    values = {"goal": "空き家を10軒活用する", "first_step": "空き家の情報を集める", "resources": "調査員2名",
              "municipal_partner": partner} | extra
    stages.plan_update(idea=idea, by=lead, **values)


@pytest.fixture
def idea(person, make_idea):
    return make_idea(person)


def test_proposer_leads_the_team_and_may_move(idea, person, other_person):
    assert person.has_perm("ideas.move_idea", idea) and not other_person.has_perm("ideas.move_idea", idea)
    with pytest.raises(PermissionDenied):
        stages.move(idea=idea, by=other_person, to=Stage.TEAM)


def test_coordinators_may_move_any_idea(idea, coordinator):
    with_team(idea, coordinator)
    stages.move(idea=idea, by=coordinator, to=Stage.TEAM)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.TEAM


@pytest.mark.parametrize(("language", "expected"), [
    ("ja", ["チームには2人以上のメンバーが必要です。", "チームにはキーマンが必要です。"]),
    ("en", ["A team needs at least two members.", "The team needs a key person (キーマン)."]),
])
def test_team_needs_two_members_and_a_key_person(idea, person, language, expected):
    with translation.override(language), pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.TEAM)
    assert excinfo.value.message_dict["stage"] == expected


def test_a_key_person_alone_is_not_a_team(gunma, person):
    from yukemuri.ideas.services import idea_create

    idea = idea_create(author=person, title="ひとりの案", body="本文", place={"prefecture": gunma})
    role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    teams.answer(application=teams.apply(role=role, person=person), by=person, accept=True)
    with pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.TEAM)
    assert excinfo.value.messages == ["チームには2人以上のメンバーが必要です。"]
    key = with_team(idea, person)
    assert key.pk != person.pk
    stages.move(idea=idea, by=person, to=Stage.TEAM)


@pytest.mark.parametrize(("language", "expected"), [
    ("ja", ["計画には目標が必要です。", "計画には最初の一歩が必要です。", "計画には使う資源が必要です。",
            "計画には自治体のパートナーが必要です。"]),
    ("en", ["The plan needs a goal.", "The plan needs a first step.", "The plan needs the resources it uses.",
            "The plan needs a municipal partner."]),
])
def test_plan_needs_goal_first_step_resources_and_partner(idea, person, language, expected):
    with_team(idea, person)
    with translation.override(language), pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.PLAN)
    assert excinfo.value.message_dict["stage"] == expected


def test_plan_partner_must_be_a_municipality(idea, person):
    with pytest.raises(ValidationError) as excinfo:
        stages.plan_update(idea=idea, by=person, goal="g", first_step="f", resources="r",
                           municipal_partner=OrganisationFactory(kind="company"))
    assert "municipal_partner" in excinfo.value.message_dict


@pytest.mark.parametrize(("language", "expected"), [
    ("ja", ["資金調達には、募集中または成立したキャンペーンが必要です。"]),
    ("en", ["Funding needs an open or successful campaign."]),
])
def test_funding_needs_a_campaign(idea, person, language, expected):
    with_team(idea, person)
    with_plan(idea, person)
    stages.move(idea=idea, by=person, to=Stage.PLAN)
    with translation.override(language), pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.FUNDING)
    assert excinfo.value.message_dict["stage"] == expected
    funding.campaign_create(idea=idea, by=person, title="空き家調査費", purpose="調査員の交通費",
                            goal_yen=300_000, deadline=timezone.now() + timedelta(days=30), **PAYMENT)
    stages.move(idea=idea, by=person, to=Stage.FUNDING)


@pytest.mark.parametrize(("language", "expected"), [
    ("ja", ["実証には開始日が必要です。", "実証には成立したキャンペーンか予算事業が必要です。"]),
    ("en", ["A pilot needs a start date.", "A pilot needs a successful campaign or a budget line."]),
])
def test_pilot_needs_a_start_date_and_money(idea, person, language, expected):
    with_team(idea, person)
    with_plan(idea, person)
    stages.move(idea=idea, by=person, to=Stage.PLAN)
    with translation.override(language), pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.PILOT)
    assert excinfo.value.message_dict["stage"] == expected


def test_pilot_paid_from_a_budget_line_skips_the_campaign(idea, person):
    with_team(idea, person)
    with_plan(idea, person, pilot_starts_on=timezone.localdate(), budget_line="令和8年度 地域課題解決事業")
    stages.move(idea=idea, by=person, to=Stage.PLAN)
    stages.move(idea=idea, by=person, to=Stage.PILOT)
    stages.move(idea=idea, by=person, to=Stage.RUNNING)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.RUNNING


def test_pilot_with_a_successful_campaign(idea, person, coordinator):
    with_team(idea, person)
    with_plan(idea, person, pilot_starts_on=timezone.localdate() + timedelta(days=60))
    stages.move(idea=idea, by=person, to=Stage.PLAN)
    campaign = funding.campaign_create(idea=idea, by=person, title="実証の費用", purpose="改修費",
                                       goal_yen=100_000, deadline=timezone.now() + timedelta(days=10), **PAYMENT)
    stages.move(idea=idea, by=person, to=Stage.FUNDING)
    pledge = funding.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=100_000)
    funding.pledge_confirm(pledge=pledge, by=coordinator)
    funding.campaign_settle(campaign, now=campaign.deadline + timedelta(seconds=1))
    stages.move(idea=idea, by=person, to=Stage.PILOT)
    with pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.RUNNING)
    assert excinfo.value.messages == ["実証がまだ始まっていません。"]


@pytest.mark.parametrize(("language", "expected"), [
    ("ja", ["横展開には、このアイデアを取り入れた2つ目の自治体が必要です。"]),
    ("en", ["Spreading needs a second municipality that adopted the idea."]),
])
def test_spread_needs_a_second_municipality(idea, person, language, expected):
    with_team(idea, person)
    with_plan(idea, person, pilot_starts_on=timezone.localdate(), budget_line="県単独事業")
    for stage in (Stage.PLAN, Stage.PILOT, Stage.RUNNING):
        stages.move(idea=idea, by=person, to=stage)
    with translation.override(language), pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.SPREAD)
    assert excinfo.value.message_dict["stage"] == expected
    with pytest.raises(ValidationError):
        stages.adoption_add(idea=idea, by=person, municipality=idea.municipality)
    stages.adoption_add(idea=idea, by=person, municipality=Municipality.objects.get(code="104434"))
    stages.move(idea=idea, by=person, to=Stage.SPREAD)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.SPREAD


def test_no_jumping_past_what_is_missing(idea, person):
    with pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.RUNNING)
    messages = excinfo.value.messages
    assert "チームには2人以上のメンバーが必要です。" in messages and "計画には目標が必要です。" in messages


def test_moving_back_needs_a_reason_and_everything_is_kept(idea, person):
    with_team(idea, person)
    stages.move(idea=idea, by=person, to=Stage.TEAM, reason="チームがそろった")
    with pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.SEED)
    assert "reason" in excinfo.value.message_dict
    stages.move(idea=idea, by=person, to=Stage.SEED, reason="キーマンが転居した")
    history = list(StageChange.objects.filter(idea=idea).values_list("kind", "from_stage", "to_stage", "by", "reason"))
    assert history == [("advance", "seed", "team", person.pk, "チームがそろった"),
                       ("back", "team", "seed", person.pk, "キーマンが転居した")]


def test_pause_and_close_need_a_reason_and_stop_moves(idea, person):
    with_team(idea, person)
    with pytest.raises(ValidationError):
        stages.set_status(idea=idea, by=person, status=Status.PAUSED)
    stages.set_status(idea=idea, by=person, status=Status.PAUSED, reason="冬の間は休止")
    with pytest.raises(ValidationError) as excinfo:
        stages.move(idea=idea, by=person, to=Stage.TEAM)
    assert excinfo.value.messages == ["一時停止中または終了したアイデアは動かせません。先に再開してください。"]
    stages.set_status(idea=idea, by=person, status=Status.ACTIVE)
    stages.move(idea=idea, by=person, to=Stage.TEAM)
    stages.set_status(idea=idea, by=person, status=Status.CLOSED, reason="目的を達成した")
    idea.refresh_from_db()
    assert (idea.status, idea.stage) == (Status.CLOSED, Stage.TEAM)
    kinds = list(StageChange.objects.filter(idea=idea).values_list("kind", flat=True))
    assert kinds == ["pause", "resume", "advance", "close"]


def test_followers_hear_of_each_move_in_their_language(idea, person, other_person,
                                                       django_capture_on_commit_callbacks):
    from yukemuri.ideas.services import idea_follow

    other_person.preferred_language = "en"
    other_person.save()
    idea_follow(idea=idea, person=other_person)
    with_team(idea, person)
    with django_capture_on_commit_callbacks(execute=True):
        stages.move(idea=idea, by=person, to=Stage.TEAM)
    notice = Notification.objects.get(person=other_person)
    assert not Notification.objects.filter(person=person).exclude(message__contains="applied").exists()
    with translation.override("en"):
        assert notice.text == f"“{idea.title}” moved forward: Seed → Team."
    with translation.override("ja"):
        assert notice.text == f"「{idea.title}」が進みました：種 → チーム。"


def test_followers_hear_of_a_pause_after_commit_and_the_mover_does_not(idea, person, other_person,
                                                                       django_capture_on_commit_callbacks):
    from yukemuri.ideas.services import idea_follow

    idea_follow(idea=idea, person=other_person)
    idea_follow(idea=idea, person=person)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stages.set_status(idea=idea, by=person, status=Status.PAUSED, reason="Winter.")
    assert not Notification.objects.filter(message=stages.MESSAGES[StageChange.Kind.PAUSE]).exists()
    for callback in callbacks:
        callback()
    notice = Notification.objects.get(message=stages.MESSAGES[StageChange.Kind.PAUSE])
    assert notice.person == other_person
    assert notice.url == idea.get_absolute_url()
    assert notice.params["title"] == idea.title


def test_a_rolled_back_move_tells_no_follower(idea, person, other_person, django_capture_on_commit_callbacks):
    from django.db import transaction

    from yukemuri.ideas.services import idea_follow

    idea_follow(idea=idea, person=other_person)
    with_team(idea, person)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        with transaction.atomic():
            stages.move(idea=idea, by=person, to=Stage.TEAM)
            raise RuntimeError("the request failed after the move")
    assert callbacks == []
    assert not Notification.objects.filter(person=other_person).exists()
    idea.refresh_from_db()
    assert idea.stage == Stage.SEED


def test_the_timeline_is_read_from_the_action_stream(idea, person, client):
    from yukemuri.actions.models import Action
    from yukemuri.ideas.way import timeline

    with_team(idea, person)
    stages.move(idea=idea, by=person, to=Stage.TEAM, reason="チームがそろった")
    stages.set_status(idea=idea, by=person, status=Status.PAUSED, reason="冬の間は休止")
    steps = [(s.kind, s.from_stage, s.to_stage, s.by, s.reason) for s in timeline(idea)]
    assert steps == [("advance", "seed", "team", person, "チームがそろった"), ("pause", "team", "team", person, "冬の間は休止")]
    Action.objects.filter(data__kind="pause").delete()  # what the stream does not hold, the timeline does not show
    assert [s.kind for s in timeline(idea)] == ["advance"]
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "チームがそろった" in page and "冬の間は休止" not in page


def test_stage_changes_from_before_the_stream_are_copied_into_it_once(idea, person):
    import importlib

    from django.apps import apps

    from yukemuri.actions.models import Action
    from yukemuri.ideas.way import timeline

    with_team(idea, person)
    stages.move(idea=idea, by=person, to=Stage.TEAM)  # recorded both ways: not copied again
    StageChange.objects.create(idea=idea, kind="back", from_stage="team", to_stage="seed", by=person,
                               reason="以前の記録", at=timezone.now() - timedelta(days=400))
    copying = importlib.import_module("yukemuri.actions.migrations.0003_copy_stage_changes")
    copying.copy(apps, None)
    assert [(s.kind, s.reason) for s in timeline(idea)] == [("back", "以前の記録"), ("advance", "")]
    copying.uncopy(apps, None)
    assert not Action.objects.filter(data__copied_from="stage_change").exists()
