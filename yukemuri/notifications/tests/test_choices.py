"""Choices per kind of notice and per channel (issue 19): what is kept, when a digest carries it, which
channel delivers it, and the settings page at /me/notifications/settings/."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from yukemuri.ideas.services import comment_create, idea_support
from yukemuri.notifications import services, tasks
from yukemuri.notifications.choices import email_after
from yukemuri.notifications.models import Channel, NoticeChoice, NoticeKind, Notification
from yukemuri.notifications.services import choices_save, notify
from yukemuri.notifications.tasks import send_digest, send_due_digests
from yukemuri.people.tests.factories import PersonFactory

TOKYO = ZoneInfo("Asia/Tokyo")
CLOSED = "“%(title)s” is closed."


class MemoryChannel:
    """A channel that keeps what it was given (the digest delivers to every channel in settings)."""

    name = "memory"
    delivered: list = []

    def accepts(self, person) -> bool:
        return True

    def send(self, person, notices) -> None:
        MemoryChannel.delivered.append((person.pk, [n.params.get("title") for n in notices]))


class BrokenChannel(MemoryChannel):
    def send(self, person, notices) -> None:
        raise ConnectionError("the line is down")


def _tell(person, kind, title="案"):
    return notify([person], kind=kind, message=CLOSED, params={"title": title}, url="/ideas/1/")


@pytest.fixture
def scheduled(monkeypatch):
    """The digests notify() and send_digest() schedule (the test backend cannot defer)."""
    calls = []
    for module in (services, tasks):
        monkeypatch.setattr(module, "enqueue_later", lambda task, when, *args: calls.append((when, args)) or True)
    return calls


def test_a_kind_turned_off_leaves_nothing_and_a_site_only_kind_sends_no_email(person):
    choices_save(person=person, choices={NoticeKind.TEAMS: Channel.NONE, NoticeKind.MATCHING: Channel.SITE})
    assert _tell(person, NoticeKind.TEAMS) == 0
    assert _tell(person, NoticeKind.MATCHING) == 1
    assert _tell(person, NoticeKind.FOLLOWING, "案F") == 1  # no choice saved: as before, soon by e-mail
    assert set(Notification.objects.filter(person=person).values_list("kind", flat=True)) == {"matching", "following"}
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 1
    assert "「案F」" in mail.outbox[0].body and mail.outbox[0].body.count("・") == 1
    assert send_due_digests() == 0  # the site-only notice is never e-mailed


def test_account_and_staff_notices_cannot_be_turned_off(person):
    choices_save(person=person, choices={"account": Channel.NONE, "staff": Channel.NONE, "nonsense": "none",
                                         NoticeKind.TEAMS: "by-pigeon"})
    assert not NoticeChoice.objects.filter(person=person).exists()
    assert _tell(person, NoticeKind.ACCOUNT) == 1 and _tell(person, NoticeKind.STAFF) == 1


@pytest.mark.parametrize(("now", "channel", "due"), [
    (datetime(2026, 12, 9, 10, 0), Channel.DAILY, datetime(2026, 12, 10, 7, 0)),  # Wednesday morning
    (datetime(2026, 12, 9, 6, 59), Channel.DAILY, datetime(2026, 12, 9, 7, 0)),
    (datetime(2026, 12, 9, 10, 0), Channel.WEEKLY, datetime(2026, 12, 14, 7, 0)),  # the next Monday
    (datetime(2026, 12, 14, 6, 0), Channel.WEEKLY, datetime(2026, 12, 14, 7, 0)),
    (datetime(2026, 12, 14, 7, 0), Channel.WEEKLY, datetime(2026, 12, 21, 7, 0)),  # just sent: a week later
    (datetime(2026, 12, 9, 10, 0), Channel.SITE, None),
])
def test_daily_and_weekly_digests_fall_on_the_digest_hour(now, channel, due):
    now = now.replace(tzinfo=TOKYO)
    assert email_after(channel, now) == (due and due.replace(tzinfo=TOKYO))


def test_a_weekly_digest_gathers_the_week_and_a_daily_one_the_day(person, scheduled,
                                                                 django_capture_on_commit_callbacks):
    choices_save(person=person, choices={NoticeKind.FOLLOWING: Channel.WEEKLY, NoticeKind.TEAMS: Channel.DAILY})
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("週1", "週2"):
            _tell(person, NoticeKind.FOLLOWING, title)
        _tell(person, NoticeKind.TEAMS, "日1")
    weekly, daily = (Notification.objects.get(params__title=t).email_after for t in ("週1", "日1"))
    assert [when for when, _args in scheduled] == [weekly, daily]  # the second weekly one: already scheduled
    assert daily < weekly and weekly - timezone.now() <= timedelta(days=7)
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 0 and send_due_digests() == 0 and not mail.outbox  # nothing due yet

    Notification.objects.filter(params__title="日1").update(email_after=timezone.now() - timedelta(seconds=1))
    scheduled.clear()
    assert send_digest.call(person.pk) == 1 and "「日1」" in mail.outbox[0].body
    assert [when for when, _args in scheduled] == [weekly]  # the next digest waits for the weekly notices

    Notification.objects.filter(params__title__startswith="週").update(email_after=timezone.now())
    assert send_due_digests() == 2
    assert "「週1」" in mail.outbox[1].body and "「週2」" in mail.outbox[1].body
    assert send_digest.call(person.pk) == 0 and len(mail.outbox) == 2  # run again (a restart): sends nothing


def test_a_soon_notice_schedules_one_digest_for_several(person, scheduled, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        _tell(person, NoticeKind.OTHER, "一")
        _tell(person, NoticeKind.OTHER, "二")
    [(when, args)] = scheduled
    assert args == (person.pk,)
    expected = timezone.now() + timedelta(minutes=settings.YUKEMURI["DIGEST_DELAY_MINUTES"])
    assert abs(when - expected) < timedelta(seconds=30)


def test_the_email_switch_still_stops_every_kind(person, scheduled, django_capture_on_commit_callbacks):
    from yukemuri.people.services import email_digest_set

    email_digest_set(person=person, enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        _tell(person, NoticeKind.ACCOUNT)
    assert scheduled == []
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 0 and send_due_digests() == 0 and not mail.outbox
    assert Notification.objects.filter(person=person).count() == 1  # still on the site


def test_the_digest_goes_out_by_the_channels_in_settings(person, settings):
    settings.NOTIFICATION_CHANNELS = [f"{__name__}.MemoryChannel"]
    MemoryChannel.delivered.clear()
    _tell(person, NoticeKind.OTHER, "一")
    _tell(person, NoticeKind.OTHER, "二")
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 2
    assert MemoryChannel.delivered == [(person.pk, ["一", "二"])] and not mail.outbox
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_failing_channel_gives_the_notices_back(person, settings):
    settings.NOTIFICATION_CHANNELS = [f"{__name__}.BrokenChannel"]
    _tell(person, NoticeKind.OTHER)
    assert send_due_digests() == 0
    notice = Notification.objects.get(person=person)
    assert notice.emailed_at is None and notice.email_claimed_at is None
    settings.NOTIFICATION_CHANNELS = [f"{__name__}.MemoryChannel"]
    assert send_due_digests() == 1


def test_authors_choose_too_and_a_hundred_supports_make_one_email(make_idea, person):
    idea = make_idea(person, title="空き家カフェ")
    for supporter in PersonFactory.create_batch(100):
        idea_support(idea=idea, person=supporter)
    idea_support(idea=idea, person=person)  # the author's own support tells nobody
    [notice] = Notification.objects.filter(person=person)
    assert notice.kind == NoticeKind.MY_POSTS
    mail.outbox.clear()
    assert send_due_digests() == 1 and len(mail.outbox) == 1
    choices_save(person=person, choices={NoticeKind.MY_POSTS: Channel.NONE})
    comment_create(idea=idea, author=PersonFactory(), body="いいですね")
    assert Notification.objects.filter(person=person).count() == 1


def test_the_settings_page_saves_keeps_input_and_is_linked(client, person):
    url = reverse("notification_settings")
    assert client.get(url).status_code == 302  # signed in only
    client.force_login(person)
    assert url in client.get(reverse("notifications")).content.decode()
    assert url in client.get(reverse("me")).content.decode()
    page = client.get(url)
    assert page.status_code == 200 and 'name="my_posts"' in page.content.decode()
    assert 'name="account"' not in page.content.decode() and page.context["form"].initial["teams"] == "soon"

    choices = {kind: Channel.SOON for kind in ("my_posts", "following", "answers", "teams", "events", "help", "help_nearby",
                                                   "matching", "surveys", "communities", "other")}
    bad = client.post(url, {**choices, "teams": "by-pigeon", "matching": "weekly", "email_digest": "on"})
    assert bad.status_code == 200 and "teams" in bad.context["form"].errors
    assert re.search(r'name="matching" value="weekly"[^>]* checked', bad.content.decode())  # input kept
    assert not NoticeChoice.objects.exists()

    done = client.post(url, {**choices, "matching": "weekly", "my_posts": "none"})  # e-mail switch unticked
    assert done.status_code == 302
    assert dict(NoticeChoice.objects.filter(person=person).values_list("kind", "channel"))["matching"] == "weekly"
    person.refresh_from_db()
    assert not person.email_digest
    assert _tell(person, NoticeKind.MY_POSTS) == 0
    assert client.get(url).context["form"].initial["matching"] == "weekly"


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_waiting_notices_due_and_the_email_setting():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("notifications", "0002_email_claims_and_outbox")], [("notifications", "0003_notice_choices")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    person = PersonFactory(email_digest=False)  # people's tables are as today: only notifications went back
    Notice = old.get_model("notifications", "Notification")
    waiting = Notice.objects.create(person_id=person.pk, message=CLOSED, params={"title": "x"})
    sent = Notice.objects.create(person_id=person.pk, message=CLOSED, params={"title": "y"}, emailed_at=timezone.now())
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    try:
        waiting, sent = Notification.objects.get(pk=waiting.pk), Notification.objects.get(pk=sent.pk)
        assert waiting.email_after == waiting.created_at and waiting.kind == "other"
        assert sent.email_after is None
        from yukemuri.people.models import User

        assert User.objects.get(pk=person.pk).email_digest is False
    finally:
        # Back to every migration: later tests (a backup restored elsewhere) compare the recorded plan with the code.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert not MigrationExecutor(connection).migration_plan(executor.loader.graph.leaf_nodes())
