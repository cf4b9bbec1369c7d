"""Authors hear when someone else comments on or supports their post — once per post until they read it or
the digest carries it (issue 12, item 23)."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone, translation

from yukemuri.ideas.services import comment_create, idea_support
from yukemuri.issues.services import issue_support
from yukemuri.moderation.services import post_approve
from yukemuri.notifications.models import Notification
from yukemuri.notifications.services import mark_read
from yukemuri.notifications.tasks import send_digest
from yukemuri.people.tests.factories import PersonFactory


def _notices(person):
    return list(Notification.objects.filter(person=person))


def test_a_comment_tells_the_idea_author_once_per_digest(make_idea, person, other_person):
    idea = make_idea(person, title="空き家カフェ")
    comment_create(idea=idea, author=other_person, body="いいですね")
    comment_create(idea=idea, author=PersonFactory(), body="参加したい")
    [notice] = _notices(person)
    assert notice.url == idea.get_absolute_url()
    with translation.override("en"):
        assert notice.text == "New comments on your idea “空き家カフェ”."
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 1
    assert "空き家カフェ" in mail.outbox[0].body
    comment_create(idea=idea, author=other_person, body="もう一つ")  # a new digest window: a new notice
    assert len(_notices(person)) == 2
    assert _notices(other_person) == []


def test_own_comments_and_supports_tell_nobody(make_idea, make_issue, person):
    idea = make_idea(person)
    comment_create(idea=idea, author=person, body="補足します")
    idea_support(idea=idea, person=person)
    issue_support(issue=make_issue(person), person=person)
    assert _notices(person) == []


def test_supports_tell_the_author_of_an_idea_and_of_an_issue(make_idea, make_issue, person, other_person):
    idea, issue = make_idea(person, title="富岡クレープ"), make_issue(person, title="空き家が増えている")
    idea_support(idea=idea, person=other_person)
    idea_support(idea=idea, person=PersonFactory())
    issue_support(issue=issue, person=other_person)
    with translation.override("en"):
        texts = sorted(n.text for n in _notices(person))
    assert texts == ["Your idea “富岡クレープ” has new supporters.", "Your issue “空き家が増えている” has new supporters."]
    mark_read(person)  # read on the site, but supports make at most one notice per post a day
    issue_support(issue=issue, person=PersonFactory())
    assert len(_notices(person)) == 2
    Notification.objects.filter(person=person).update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    issue_support(issue=issue, person=PersonFactory())  # a day later: news again
    assert len(_notices(person)) == 3


def test_a_held_comment_tells_the_author_when_it_is_published(settings, make_idea, person, moderator):
    idea = make_idea(person)
    settings.YUKEMURI = {**settings.YUKEMURI, "HOLD_FIRST_POSTS": 1}
    comment = comment_create(idea=idea, author=PersonFactory(), body="初めての投稿")
    assert not comment.is_published and _notices(person) == []
    post_approve(target=comment, moderator=moderator)
    assert len(_notices(person)) == 1
