"""A reply to my comment tells me (kind MY_POSTS), once while the notice waits; the idea's author hears of every
comment already and is not told twice."""

from django.utils import translation

from yukemuri.ideas.services import comment_create
from yukemuri.moderation.services import post_approve
from yukemuri.notifications.models import Channel, NoticeKind, Notification
from yukemuri.notifications.receivers import REPLIED
from yukemuri.notifications.services import choices_save, mark_read
from yukemuri.people.tests.factories import PersonFactory


def replies(person):
    return Notification.objects.filter(person=person, message=REPLIED)


def test_a_reply_tells_the_commenter_once_while_it_waits(make_idea, person, other_person):
    author, commenter = person, other_person
    idea = make_idea(author, title="空き家カフェ")
    comment = comment_create(idea=idea, author=commenter, body="場所は？")
    comment_create(idea=idea, author=PersonFactory(), body="駅前です", parent=comment)
    comment_create(idea=idea, author=PersonFactory(), body="公民館も", parent=comment)
    [notice] = replies(commenter)
    assert notice.kind == NoticeKind.MY_POSTS and notice.url == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    with translation.override("en"):
        assert notice.text == "New replies to your comment on the idea “空き家カフェ”."
    mark_read(commenter)
    comment_create(idea=idea, author=author, body="ありがとう", parent=comment)
    assert replies(commenter).count() == 2  # read: the next reply is told again


def test_own_replies_the_ideas_author_and_none_tell_no_one(make_idea, person, other_person):
    idea = make_idea(person)
    mine = comment_create(idea=idea, author=person, body="補足")
    comment_create(idea=idea, author=other_person, body="なるほど", parent=mine)
    assert not replies(person).exists()  # told of the comment itself (COMMENTED), not twice
    assert Notification.objects.filter(person=person).count() == 1
    theirs = comment_create(idea=idea, author=other_person, body="質問です")
    comment_create(idea=idea, author=other_person, body="自己解決しました", parent=theirs)
    assert not replies(other_person).exists()
    choices_save(person=other_person, choices={NoticeKind.MY_POSTS: Channel.NONE})
    comment_create(idea=idea, author=PersonFactory(), body="答えます", parent=theirs)
    assert not replies(other_person).exists()


def test_a_reply_held_for_review_tells_once_published(settings, make_idea, person, other_person, moderator):
    idea = make_idea(person)
    comment = comment_create(idea=idea, author=other_person, body="質問です")
    settings.YUKEMURI = {**settings.YUKEMURI, "HOLD_FIRST_POSTS": 1}
    reply = comment_create(idea=idea, author=PersonFactory(), body="初めての投稿", parent=comment)
    assert not reply.is_published and not replies(other_person).exists()
    post_approve(target=reply, moderator=moderator)
    assert replies(other_person).count() == 1
