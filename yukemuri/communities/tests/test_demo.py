"""The demo's communities: 北群馬渋川 and the 空き家 group, with members, links, an announcement and a thread; loaded
once."""

from yukemuri.actions.models import Action
from yukemuri.communities.models import Announcement, Community, JoinRequest, LinkedPost, Member, ThreadPost
from yukemuri.communities.selectors import linked_posts
from yukemuri.demo.loader import load_demo
from yukemuri.notifications.models import NoticeKind, Notification


def test_the_demo_communities_load_once(db, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the announcement is told once the demo commits
        load_demo()
    kitagunma = Community.objects.get(slug="kitagunma-shibukawa-demo")
    akiya = Community.objects.get(slug="akiya-demo")
    assert kitagunma.is_demo and kitagunma.area.name == "北群馬渋川"
    assert akiya.theme.name == "空き家" and akiya.joining == "request"
    assert {p.kind for p in linked_posts(kitagunma)} == {"issue", "idea", "event"}
    assert "conversation" in {p.kind for p in linked_posts(akiya)}
    assert Member.objects.get(community=akiya, role="organiser").person.email == "demo-yui@example.jp"
    assert JoinRequest.objects.filter(community=akiya, status="pending").count() == 1
    assert Notification.objects.filter(kind=NoticeKind.COMMUNITIES, params__title__startswith="12月の集まり").count() \
        == Member.objects.filter(community=kitagunma).count() - 1  # every member but the author
    page = client.get(f"/communities/{kitagunma.pk}/").content.decode()
    assert "ゆい（デモ）" in page and "けんた（デモ）" not in page  # けんた did not agree to be named
    counts = [model.objects.count() for model in (Community, Member, JoinRequest, LinkedPost, Announcement, ThreadPost,
                                                  Notification, Action)]
    assert load_demo() == 0
    assert [model.objects.count() for model in (Community, Member, JoinRequest, LinkedPost, Announcement, ThreadPost,
                                                Notification, Action)] == counts
    assert ThreadPost.objects.filter(community=kitagunma, visibility="published").count() == 3
