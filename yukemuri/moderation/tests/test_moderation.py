import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.core.models import Visibility
from yukemuri.ideas.models import Comment, Idea
from yukemuri.ideas.services import comment_create
from yukemuri.moderation import services
from yukemuri.moderation.models import ModerationAction, Report
from yukemuri.moderation.selectors import moderation_queue


@pytest.fixture
def hold_first_posts(settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "HOLD_FIRST_POSTS": 1}


def test_report_once_per_person_while_open(person, other_person, make_idea):
    idea = make_idea(person)
    first = services.report_create(target=idea, reporter=other_person, reason="spam")
    again = services.report_create(target=idea, reporter=other_person, reason="abuse", detail="広告")
    assert first.pk == again.pk and Report.objects.count() == 1
    with pytest.raises(ValidationError):
        services.report_create(target=idea, reporter=person, reason="because")


def test_hide_needs_a_reason_resolves_reports_logs_and_mails_the_author(
    person, other_person, moderator, make_idea, django_capture_on_commit_callbacks
):
    idea = make_idea(person, title="怪しい広告")
    services.report_create(target=idea, reporter=other_person, reason="spam")
    with pytest.raises(ValidationError):
        services.post_hide(target=idea, moderator=moderator, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_hide(target=idea, moderator=moderator, reason="広告のため非表示にしました")
    idea.refresh_from_db()
    assert idea.visibility == Visibility.HIDDEN and idea.moderation_reason == "広告のため非表示にしました"
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    action = Action.objects.get(verb=verbs.POST_HIDDEN)
    assert action.actor == moderator and action.data["reason"] == "広告のため非表示にしました"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [person.email]
    assert "広告のため非表示にしました" in mail.outbox[0].body and "怪しい広告" in mail.outbox[0].body


def test_hidden_posts_leave_lists_search_and_api_but_the_author_sees_why(
    client, person, other_person, moderator, make_idea, make_issue
):
    idea = make_idea(person, title="消される案")
    issue = make_issue(person, title="消される課題")
    services.post_hide(target=idea, moderator=moderator, reason="重複投稿")
    services.post_hide(target=issue, moderator=moderator, reason="重複投稿")
    for url in (reverse("idea_list"), reverse("idea_list") + "?q=消される", reverse("issue_list"), reverse("home"),
                reverse("municipality_detail", args=["102083"])):
        page = client.get(url).content.decode()
        assert "消される案</a>" not in page and "消される課題</a>" not in page, url
    assert client.get("/api/v1/ideas").json()["count"] == 0
    assert client.get(f"/api/v1/ideas/{idea.pk}").status_code == 404
    assert client.get(f"/api/v1/issues/{issue.pk}").status_code == 404
    assert client.get(reverse("idea_detail", args=[idea.pk])).status_code == 404
    client.force_login(other_person)
    assert client.get(reverse("idea_detail", args=[idea.pk])).status_code == 404
    client.force_login(person)
    page = client.get(reverse("idea_detail", args=[idea.pk])).content.decode()
    assert "重複投稿" in page
    assert "重複投稿" in client.get(reverse("me")).content.decode()


def test_restore_brings_the_post_back(person, moderator, make_idea):
    idea = make_idea(person)
    services.post_hide(target=idea, moderator=moderator, reason="誤り")
    services.post_restore(target=idea, moderator=moderator)
    assert Idea.objects.get(pk=idea.pk).visibility == Visibility.PUBLISHED
    assert list(Action.objects.filter(verb__in=verbs.MODERATION_VERBS).order_by("-pk").values_list("verb", flat=True)) \
        == [verbs.POST_RESTORED, verbs.POST_HIDDEN]
    assert not ModerationAction.objects.exists()  # the older log is no longer written


def test_first_posts_are_held_until_approved(hold_first_posts, person, other_person, moderator, make_idea):
    idea = make_idea(person)
    assert idea.visibility == Visibility.HELD
    assert Action.objects.filter(verb=verbs.POST_HELD).count() == 1
    assert [item.target for item in moderation_queue()] == [idea]
    comment = comment_create(idea=make_idea(moderator, title="モデレーターの案"), author=other_person, body="初投稿")
    assert comment.visibility == Visibility.HELD
    assert Idea.objects.get(title="モデレーターの案").comment_count == 0
    services.post_approve(target=idea, moderator=moderator)
    services.post_approve(target=comment, moderator=moderator)
    assert Idea.objects.get(pk=idea.pk).visibility == Visibility.PUBLISHED
    assert Idea.objects.get(title="モデレーターの案").comment_count == 1
    assert make_idea(person, title="二つ目").visibility == Visibility.PUBLISHED  # trusted after one approved post


def test_trusted_roles_are_never_held(hold_first_posts, moderator, make_idea):
    assert make_idea(moderator).visibility == Visibility.PUBLISHED


def test_held_post_is_visible_to_its_author_only(client, hold_first_posts, person, other_person, make_idea):
    idea = make_idea(person)
    assert client.get(reverse("idea_detail", args=[idea.pk])).status_code == 404
    client.force_login(person)
    assert client.get(reverse("idea_detail", args=[idea.pk])).status_code == 200


def test_report_page_and_queue_and_decision(client, person, other_person, moderator, make_idea):
    idea = make_idea(person, title="問題のある案")
    comment = comment_create(idea=idea, author=person, body="悪口のコメント")
    client.force_login(other_person)
    assert client.post(reverse("report", args=["comment", comment.pk]), {"reason": "abuse", "detail": "悪口"}).status_code == 302
    assert client.get(reverse("moderation_queue")).status_code == 403
    client.force_login(moderator)
    queue = client.get(reverse("moderation_queue")).content.decode()
    assert "悪口のコメント" in queue and "悪口" in queue
    response = client.post(reverse("moderation_decide", args=["comment", comment.pk]),
                           {"action": "hide", "reason": "他の人への攻撃"})
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).visibility == Visibility.HIDDEN
    log = client.get(reverse("moderation_log")).content.decode()
    assert "他の人への攻撃" in log and moderator.display_name in log


def test_hide_without_reason_through_the_queue_shows_an_error(client, person, moderator, make_idea):
    idea = make_idea(person)
    client.force_login(moderator)
    response = client.post("/en" + reverse("moderation_decide", args=["idea", idea.pk]), {"action": "hide", "reason": ""})
    assert response.status_code == 400 and "author will read it" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).visibility == Visibility.PUBLISHED


def test_dismiss_keeps_the_post_and_closes_reports(person, other_person, moderator, make_idea):
    idea = make_idea(person)
    services.report_create(target=idea, reporter=other_person, reason="other")
    services.reports_dismiss(target=idea, moderator=moderator, reason="問題なし")
    assert Idea.objects.get(pk=idea.pk).visibility == Visibility.PUBLISHED
    assert moderation_queue() == []


def test_reporting_needs_login_and_a_real_target(client, person, make_idea):
    idea = make_idea(person)
    response = client.get(reverse("report", args=["idea", idea.pk]))
    assert response.status_code == 302
    client.force_login(person)
    assert client.get(reverse("report", args=["nonsense", 1])).status_code == 404
    assert client.get(reverse("report", args=["idea", 99999])).status_code == 404
