from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse
from django.utils import translation

from yukemuri.notifications.models import Notification
from yukemuri.notifications.services import mark_read, notify
from yukemuri.notifications.tasks import send_digest, send_due_digests


def test_notice_text_is_translated_for_each_reader(person):
    notify([person], kind="other", message="“%(title)s” is paused.", params={"title": "富岡クレープ"}, url="/ideas/1/")
    notice = Notification.objects.get(person=person)
    with translation.override("ja"):
        assert notice.text == "「富岡クレープ」は一時停止しました。"
    with translation.override("en"):
        assert notice.text == "“富岡クレープ” is paused."


def test_digest_gathers_everything_once_in_the_readers_language(person, other_person):
    other_person.preferred_language = "en"
    other_person.save()
    for title in ("案A", "案B"):
        notify([person, other_person], kind="other", message="“%(title)s” is closed.", params={"title": title}, url="/ideas/7/")
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
    assert notify([person], kind="other", message="“%(title)s” is closed.", params={"title": "x"}) == 0


def test_notices_page_and_unread_count(client, person, other_person):
    notify([person], kind="other", message="“%(title)s” is moving again.",
           params={"title": "妙義ふるさとマルシェ"}, url="/ideas/3/")
    client.force_login(person)
    page = client.get(reverse("notifications")).content.decode()
    assert "「妙義ふるさとマルシェ」が再び動き出しました。" in page and 'class="count">1' in page
    client.post(reverse("notifications_read"))
    page = client.get(reverse("notifications")).content.decode()
    assert 'class="count"' not in page
    assert mark_read(other_person) == 0


def test_a_digest_carries_a_link_that_stops_the_emails_and_the_notices_stay(client, person):
    notify([person], kind="other", message="“%(title)s” is closed.", params={"title": "案C"}, url="/ideas/9/")
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 1
    message = mail.outbox[0]
    link = message.body.rsplit(": ", 1)[1].strip()
    path = urlsplit(link).path
    assert path.startswith("/me/notifications/stop-emails/")
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page = client.get(path).content.decode()  # a link scanner's GET changes nothing
    assert "Stop the e-mails" not in page and "メールを止める" in page
    person.refresh_from_db()
    assert person.email_digest
    # RFC 8058 one-click: a POST from the mail program, with no session and no CSRF token.
    client.handler.enforce_csrf_checks = True
    done = client.post(path, {"List-Unsubscribe": "One-Click"}).content.decode()
    assert person.email in done and "サイトに残ります" in done
    person.refresh_from_db()
    assert not person.email_digest

    notify([person], kind="other", message="“%(title)s” is closed.", params={"title": "案D"}, url="/ideas/10/")
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 0 and send_due_digests() == 0 and not mail.outbox
    assert Notification.objects.filter(person=person, read_at__isnull=True).count() == 2


def test_a_forged_or_cut_link_is_refused_clearly(client, person):
    from yukemuri.notifications.unsubscribe import unsubscribe_token

    token = unsubscribe_token(person)
    for bad in (token[:-3], "abc", token.replace(token[0], "x" if token[0] != "x" else "y", 1)):
        response = client.post(reverse("digest_unsubscribe", args=[bad]))
        assert response.status_code == 400 and "このリンクは無効です" in response.content.decode()
    person.refresh_from_db()
    assert person.email_digest


def test_the_profile_turns_the_digest_off_and_on(client, person):
    from yukemuri.people.services import profile_update

    profile_update(person=person, display_name=person.display_name, preferred_language="ja",
                   relation=person.relation, email_digest=False)
    person.refresh_from_db()
    assert not person.email_digest
    client.force_login(person)
    response = client.get(reverse("me"))
    assert 'name="email_digest"' in response.content.decode()
    assert response.context["form"].initial["email_digest"] is False
    profile_update(person=person, display_name=person.display_name, preferred_language="ja", relation=person.relation)
    person.refresh_from_db()
    assert not person.email_digest  # not given: left as it was


def test_a_long_digest_lists_the_latest_and_counts_the_rest(person):
    from yukemuri.notifications.tasks import LISTED

    for number in range(LISTED + 5):
        notify([person], kind="other", message="“%(title)s” is closed.", params={"title": f"案{number}"})
    mail.outbox.clear()
    assert send_digest.call(person.pk) == LISTED + 5
    body = mail.outbox[0].body
    assert f"「案{LISTED + 4}」" in body and "「案5」" in body and "「案4」" not in body
    assert "ほか、以前のお知らせが5件サイトにあります。" in body
