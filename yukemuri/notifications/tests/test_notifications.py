from django.core import mail
from django.urls import reverse
from django.utils import translation

from yukemuri.notifications.models import Notification
from yukemuri.notifications.services import mark_read, notify
from yukemuri.notifications.tasks import send_digest, send_due_digests


def test_notice_text_is_translated_for_each_reader(person):
    notify([person], message="“%(title)s” is paused.", params={"title": "富岡クレープ"}, url="/ideas/1/")
    notice = Notification.objects.get(person=person)
    with translation.override("ja"):
        assert notice.text == "「富岡クレープ」は一時停止しました。"
    with translation.override("en"):
        assert notice.text == "“富岡クレープ” is paused."


def test_digest_gathers_everything_once_in_the_readers_language(person, other_person):
    other_person.preferred_language = "en"
    other_person.save()
    for title in ("案A", "案B"):
        notify([person, other_person], message="“%(title)s” is closed.", params={"title": title}, url="/ideas/7/")
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 2
    assert send_digest.call(person.pk) == 0
    assert send_due_digests() == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "「案A」は終了しました。" in by_address[person.email].body
    assert "“案B” is closed." in by_address[other_person.email].body
    assert by_address[other_person.email].subject == "yukemuri: 2 new notices"
    assert "http://" in by_address[person.email].body and "/ideas/7/" in by_address[person.email].body


def test_inactive_people_are_not_notified(person):
    person.is_active = False
    person.save()
    assert notify([person], message="“%(title)s” is closed.", params={"title": "x"}) == 0


def test_notices_page_and_unread_count(client, person, other_person):
    notify([person], message="“%(title)s” is moving again.", params={"title": "妙義ふるさとマルシェ"}, url="/ideas/3/")
    client.force_login(person)
    page = client.get(reverse("notifications")).content.decode()
    assert "「妙義ふるさとマルシェ」が再び動き出しました。" in page and 'class="count">1' in page
    client.post(reverse("notifications_read"))
    page = client.get(reverse("notifications")).content.decode()
    assert 'class="count"' not in page
    assert mark_read(other_person) == 0
