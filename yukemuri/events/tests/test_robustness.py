"""Issue 12: a closed account gives its seats back (5); e-mails about registrations go out once, after the
mail server comes back (6); line breaks in titles (18); bad months and ticket links (17)."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from yukemuri.events import services, tasks
from yukemuri.events.forms import EventForm, GuestRegistrationForm
from yukemuri.events.models import Event, Registration
from yukemuri.issues.postforms import PostForm
from yukemuri.notifications.models import OutgoingEmail
from yukemuri.notifications.tasks import send_due_digests
from yukemuri.notifications.tests.flaky_mail import mail_server_down
from yukemuri.people.services import person_delete
from yukemuri.people.tests.factories import PersonFactory

from .factories import make_event, organiser

S = Registration.Status


@pytest.fixture
def host(gunma):
    return organiser()


# 5 — closing an account


def test_closing_an_account_frees_its_seat_and_promotes_the_waiting_list(host, django_capture_on_commit_callbacks):
    event = make_event(host, capacity=1)
    leaver, waiting = PersonFactory(), PersonFactory()
    services.register(event=event, person=leaver)
    queued = services.register(event=event, person=waiting)
    assert queued.status == S.WAITLISTED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        person_delete(person=leaver)
    event.refresh_from_db()
    queued.refresh_from_db()
    assert queued.status == S.CONFIRMED
    assert (event.confirmed_count, event.waitlist_count) == (1, 0)
    assert [m.to for m in mail.outbox] == [[waiting.email]]  # the seat offer
    assert not Registration.objects.filter(person_id=leaver.pk).exists()


def test_closing_an_account_gives_back_its_waiting_place(host):
    event = make_event(host, capacity=1)
    services.register(event=event, person=PersonFactory())
    leaver = PersonFactory()
    services.register(event=event, person=leaver)
    person_delete(person=leaver)
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 0)


# 6 — e-mails retried after an SMTP failure, and sent once


def test_a_guest_link_that_failed_is_sent_by_the_sweep_and_only_once(settings, host, django_capture_on_commit_callbacks):
    event = make_event(host)
    mail_server_down(settings, failures=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(event=event, guest_name="Nguyen", guest_email="nguyen@example.com")
    assert mail.outbox == []  # the server was down; the registration still stands
    row = OutgoingEmail.objects.get()
    assert row.sent_at is None and row.claimed_at is None and "SMTPException" in row.last_error
    send_due_digests()  # the cron sweep, once the server is back
    assert [m.to for m in mail.outbox] == [["nguyen@example.com"]]
    assert registration.secret in mail.outbox[0].body
    # The same task run again (a worker took it up twice) and the next sweep send nothing.
    assert tasks.send_guest_link.call(registration.pk, *row.args[1:]) is False
    send_due_digests()
    assert len(mail.outbox) == 1


def test_registering_again_sends_the_link_again(host, django_capture_on_commit_callbacks):
    event = make_event(host)
    mail.outbox.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.register(event=event, guest_name="A", guest_email="a@example.jp")
    assert len(mail.outbox) == 2


def test_a_seat_offer_is_retried_until_the_mail_server_takes_it(settings, host, django_capture_on_commit_callbacks):
    event = make_event(host, capacity=1)
    first = services.register(event=event, person=PersonFactory())
    second = services.register(event=event, person=PersonFactory())
    mail_server_down(settings, failures=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=first, by=first.person)
    with pytest.raises(SMTPException):
        tasks.notify_promoted.call(second.pk)  # the retry: still down
    assert mail.outbox == []
    assert tasks.notify_promoted.call(second.pk) is True
    assert tasks.notify_promoted.call(second.pk) is False  # run twice: one e-mail
    send_due_digests()
    assert [m.to for m in mail.outbox] == [[second.person.email]]


def test_a_failed_send_queues_a_later_try(settings, host):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    event = make_event(host, capacity=1)
    services.register(event=event, person=PersonFactory())
    waiting = services.register(event=event, person=PersonFactory())
    Registration.objects.filter(pk=waiting.pk).update(status=S.CONFIRMED)
    mail_server_down(settings, failures=1)
    DBTaskResult.objects.all().delete()
    with pytest.raises(SMTPException):
        tasks.notify_promoted.call(waiting.pk)
    retry = DBTaskResult.objects.get()
    assert retry.task_path == "yukemuri.events.tasks.notify_promoted"
    assert retry.args_kwargs["args"] == [waiting.pk, 1]
    assert retry.run_after > timezone.now() + timedelta(seconds=30)


def test_a_cancelled_event_tells_each_person_once_even_when_some_sends_fail(settings, host):
    from yukemuri.notifications.models import Notification

    event = make_event(host)
    guests = [services.register(event=event, guest_name=f"G{n}", guest_email=f"g{n}@example.jp") for n in range(3)]
    for guest in guests:
        services.guest_confirm(registration=guest)
    person = PersonFactory()
    services.register(event=event, person=person)
    services.event_cancel(event=event, by=host, reason="台風のため")
    mail_server_down(settings, failures=1)
    mail.outbox.clear()
    with pytest.raises(SMTPException):
        tasks.notify_cancelled.call(event.pk)
    assert len(mail.outbox) == 2
    assert tasks.notify_cancelled.call(event.pk) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(g.guest_email for g in guests)
    # The person with an account has one notice, however often the task ran.
    assert Notification.objects.filter(person=person, kind="events").count() == 1


# 18 — line breaks in one-line fields


def test_forms_take_line_breaks_out_of_titles_and_names(host):
    assert EventForm(user=host).fields["title"].clean("第1回\r\nBcc: x@example.com") == "第1回 Bcc: x@example.com"
    assert EventForm(user=host).fields["venue_name"].clean("高崎市役所\n21階") == "高崎市役所 21階"
    assert GuestRegistrationForm().fields["name"].clean("Nguyen\r\nVan A") == "Nguyen Van A"
    assert PostForm().fields["title"].clean("空き家\u2028が増えている") == "空き家 が増えている"
    assert PostForm().fields["body"].clean("一行目\n二行目") == "一行目\n二行目"  # descriptions keep theirs


def test_an_event_whose_stored_title_has_line_breaks_still_serves_its_calendar_and_emails(
        client, host, django_capture_on_commit_callbacks):
    event = make_event(host, capacity=1)
    Event.objects.filter(pk=event.pk).update(title="夏祭り\r\n説明会", venue_name="公民館\n2階")
    response = client.get(reverse("event_ics", args=[event.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "SUMMARY:夏祭り 説明会" in body and "X-WR-CALNAME:夏祭り 説明会" in body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, guest_name="A", guest_email="a@example.jp")
        first = services.register(event=event, person=PersonFactory())
        second = services.register(event=event, person=PersonFactory())
        services.cancel(registration=first, by=first.person)
        services.event_cancel(event=Event.objects.get(pk=event.pk), by=host, reason="雨天")
    assert mail.outbox[0].subject.endswith("夏祭り 説明会")
    # The guest's link and the seat offer by e-mail; the cancellation reaches the person as a notice.
    assert [m.to[0] for m in mail.outbox] == ["a@example.jp", second.person.email]
    assert "夏祭り 説明会" in second.person.notifications.get().text  # one line, the title's breaks folded
    assert all("\n" not in m.subject and "\r" not in m.subject for m in mail.outbox)


# 17 — bad months and ticket links


@pytest.mark.parametrize("month", ["9999-12", "1-1", "2026-13", "0-0", "2026-04-01", "20\x0026-04"])
def test_a_month_out_of_range_is_a_clear_400(client, host, month):
    response = client.get("/events/", {"view": "month", "month": month})
    assert response.status_code == 400
    assert "2026-04" in response.content.decode()


def test_the_last_and_first_months_shown_still_work(client, host):
    assert client.get("/events/", {"view": "month", "month": "2200-12"}).status_code == 200
    assert client.get("/events/", {"view": "month", "month": "1900-01"}).status_code == 200


@pytest.mark.parametrize("secret", ["%00", "abc%00def", "%E3%81%82", "x" * 60])
def test_a_malformed_ticket_link_is_not_found(client, host, secret):
    response = client.get(f"/events/tickets/{secret}/")
    assert response.status_code == 404
    assert response.status_code == client.post(f"/events/tickets/{secret}/", {"action": "cancel"}).status_code


@pytest.mark.parametrize("query", ["date_from=0001-01-01", "date_to=0001-01-01", "date_from=9999-12-31",
                                   "date_to=9999-12-31&date_from=0001-01-01"])
def test_dates_far_from_now_are_a_field_error_not_a_500(client, gunma, query):
    page = client.get("/events/?" + query)
    assert page.status_code == 200
    assert "1900" in page.content.decode()  # the field error says which dates are taken
    answer = client.get("/api/v1/events?" + query)
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("application/problem+json")
