"""Event pages, tickets, check-in, CSV attendance, iCalendar and the API."""

import csv
import io
from datetime import timedelta

import pytest
import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from yukemuri.events import services
from yukemuri.events.models import Event, Registration, Series
from yukemuri.regions.models import Area

from .factories import make_event, organiser


@pytest.fixture
def host(gunma):
    return organiser()


def test_list_shows_upcoming_by_default_and_filters(client, host):
    soon = make_event(host, title="空き家セミナー", kind="seminar", code="102083")
    make_event(host, title="過去のピッチ", kind="pitch", days=-10)
    make_event(host, title="高崎のワークショップ", code="102024")
    page = client.get("/events/").content.decode()
    assert "空き家セミナー" in page and "高崎のワークショップ" in page and "過去のピッチ" not in page
    page = client.get("/events/", {"when": "past"}).content.decode()
    assert "過去のピッチ" in page and "空き家セミナー" not in page
    page = client.get("/events/", {"kind": "seminar"}).content.decode()
    assert "空き家セミナー" in page and "高崎のワークショップ" not in page
    page = client.get("/events/", {"municipality": "102083"}).content.decode()
    assert "空き家セミナー" in page and "高崎のワークショップ" not in page
    page = client.get("/events/", {"area": soon.area_id}).content.decode()
    assert "空き家セミナー" in page


def test_bad_filters_show_errors_not_everything(client, host):
    make_event(host, title="空き家セミナー")
    response = client.get("/events/", {"date_from": "2026-13-40"})
    page = response.content.decode()
    assert "空き家セミナー" not in page and "正しくない条件があります" in page
    field = page.split('id="id_date_from"')[0].rsplit("<div", 1)[1] + page.split('id="id_date_from"')[1].split("</div>")[0]
    assert "日付" in field and 'aria-invalid="true"' in field


def test_month_view_places_events_on_their_day(client, host):
    event = make_event(host, title="月表示のテスト", days=3)
    local = timezone.localtime(event.starts_at)
    page = client.get("/events/", {"view": "month", "month": f"{local:%Y-%m}"}).content.decode()
    cell = page.split(f'<span class="day">{local.day}</span>')[1].split("</td>")[0]
    assert "月表示のテスト" in cell
    assert client.get("/events/", {"view": "month", "month": "2026-99"}).status_code == 400


def test_accessibility_information_is_prominent(client, host):
    event = make_event(host, step_free=True, childcare=True, easy_japanese=True, interpretation=["Tiếng Việt"])
    page = client.get(event.get_absolute_url()).content.decode()
    section = page.split('id="access-h"')[1].split("</section>")[0]
    for text in ("段差", "託児", "やさしい日本語", "Tiếng Việt"):
        assert text in section


def test_person_registers_and_sees_ticket_with_qr(client, host, person):
    event = make_event(host, capacity=1)
    client.force_login(person)
    response = client.post(reverse("event_register", args=[event.pk]), follow=True)
    registration = Registration.objects.get(event=event, person=person)
    page = response.content.decode()
    assert registration.code in page and "<svg" in page and "確定" in page
    assert client.get("/me/tickets/").content.decode().count(event.title) == 1


def test_guest_registration_needs_consent_and_confirms_by_link(client, host, django_capture_on_commit_callbacks):
    event = make_event(host, capacity=5)
    url = reverse("event_register", args=[event.pk])
    response = client.post(url, {"name": "Nguyen", "email": "nguyen@example.com"})
    assert response.status_code == 400 and "このフィールドは必須です" in response.content.decode()
    assert not Registration.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Nguyen", "email": "nguyen@example.com", "consent": "on"})
    assert "nguyen@example.com" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.UNCONFIRMED
    link = reverse("ticket", args=[registration.secret])
    assert link in mail.outbox[0].body
    assert "確認" in client.get(link).content.decode()  # GET alone never confirms (mail scanners follow links)
    assert Registration.objects.get().status == Registration.Status.UNCONFIRMED
    page = client.post(link, {"action": "confirm"}, follow=True).content.decode()
    assert Registration.objects.get().status == Registration.Status.CONFIRMED and registration.code in page


def test_guest_consent_time_is_recorded(client, host):
    event = make_event(host)
    client.post(reverse("event_register", args=[event.pk]), {"name": "A", "email": "a@example.jp", "consent": "on"})
    assert Registration.objects.get().consented_at is not None


def test_ticket_cancel_promotes_next(client, host, person, other_person):
    event = make_event(host, capacity=1)
    mine = services.register(event=event, person=person)
    theirs = services.register(event=event, person=other_person)
    client.force_login(other_person)
    client.post(reverse("ticket", args=[mine.secret]), {"action": "cancel"})
    assert Registration.objects.get(pk=mine.pk).status == Registration.Status.CONFIRMED  # not theirs to cancel
    client.force_login(person)
    client.post(reverse("ticket", args=[mine.secret]), {"action": "cancel"})
    assert Registration.objects.get(pk=mine.pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=theirs.pk).status == Registration.Status.CONFIRMED


def test_check_in_page_and_attendance_csv(client, host, person):
    event = make_event(host)
    ticket = services.register(event=event, person=person)
    guest = services.guest_confirm(registration=services.register(event=event, guest_name="ゲスト", guest_email="g@example.jp"))
    url = reverse("event_check_in", args=[event.pk])
    client.force_login(person)
    assert client.get(url).status_code == 403
    client.force_login(host)
    assert f'value="{ticket.code}"' in client.get(url, {"code": ticket.code}).content.decode()  # from the QR code
    page = client.post(url, {"code": ticket.code.lower()}).content.decode()
    assert "チェックインしました" in page
    response = client.post(url, {"code": "XXXX0000"})
    assert response.status_code == 400 and "コードの参加券はありません" in response.content.decode()
    exported = client.post(reverse("event_attendance_csv", args=[event.pk]))
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code[ticket.code][6] != "" and by_code[guest.code][6] == ""
    assert by_code[guest.code][1] == "ゲスト"


def test_ics_for_event_series_and_area_parse_with_two_parsers(client, host):
    series = services.series_create(by=host, title="未来共創ワークショップ 2026 高崎安中",
                                    place={"area": Area.objects.get(name="高崎安中")})
    first = make_event(host, series=series, session_number=1, title="第1回 SDGsカードゲーム", days=10)
    make_event(host, series=series, session_number=2, title="第2回 課題の構造図", days=24)
    for url, expected in ((reverse("event_ics", args=[first.pk]), 1), (reverse("series_ics", args=[series.pk]), 2),
                          (reverse("area_ics", args=[first.area_id]), 2)):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        body = response.content.decode()
        parsed = Calendar.from_ical(body)
        events = parsed.walk("VEVENT")
        assert len(events) == expected
        assert events[0]["summary"] == "第1回 SDGsカードゲーム"
        assert events[0].decoded("dtstart") == first.starts_at
        other = vobject.readOne(body)
        assert len(other.vevent_list) == expected
        assert other.vevent_list[0].dtstart.value == first.starts_at
        assert all(line.endswith("\r") or line == "" for line in body.split("\n"))  # CRLF line ends


def test_series_page_lists_sessions_in_order(client, host):
    series = services.series_create(by=host, title="未来共創ワークショップ 2026 吾妻",
                                    place={"area": Area.objects.get(name="吾妻")})
    make_event(host, series=series, session_number=2, title="第2回 課題の構造図", days=20)
    make_event(host, series=series, session_number=1, title="第1回 SDGsカードゲーム", days=10)
    page = client.get(series.get_absolute_url()).content.decode()
    assert page.index("第1回 SDGsカードゲーム") < page.index("第2回 課題の構造図")


def test_organiser_creates_an_event_through_the_form(client, host):
    client.force_login(host)
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = client.post(reverse("event_new"), {
        "kind": "seminar", "title": "DXセミナー", "place": "m:102024", "date": day, "start_time": "14:00",
        "end_time": "13:00", "venue_name": "", "fee": "無料"})
    page = response.content.decode()
    assert "終了は開始より後" in page and "会場" in page
    response = client.post(reverse("event_new"), {
        "kind": "seminar", "title": "DXセミナー", "place": "m:102024", "date": day, "start_time": "14:00",
        "end_time": "16:00", "venue_name": "Gメッセ群馬", "capacity": "50", "fee": "無料"})
    event = Event.objects.get(title="DXセミナー")
    assert response.status_code == 302 and event.capacity == 50
    assert timezone.localtime(event.starts_at).hour == 14 and event.municipality.code == "102024"


def test_residents_cannot_organise(client, gunma, person):
    client.force_login(person)
    assert client.get(reverse("event_new")).status_code == 403
    assert client.get(reverse("series_new")).status_code == 403
    assert not Series.objects.exists()


def test_api_lists_events_and_validates(client, host):
    event = make_event(host, title="APIのイベント", capacity=10, interpretation=["English"])
    data = client.get("/api/v1/events").json()
    assert data["count"] == 1 and data["results"][0]["title"] == "APIのイベント"
    assert data["results"][0]["seats_left"] == 10 and data["results"][0]["municipality"] == "102024"
    assert data["results"][0]["ics"].endswith(f"/events/{event.pk}/event.ics")
    bad = client.get("/api/v1/events", {"kind": "nonsense"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert bad.json()["errors"][0]["parameter"] == "kind"
    assert client.get("/api/v1/events/999999").status_code == 404


def test_organiser_cancels_the_event_from_its_page(client, host, person):
    event = make_event(host)
    services.register(event=event, person=person)
    client.force_login(person)
    assert client.post(reverse("event_cancel", args=[event.pk]), {"reason": "x"}).status_code == 403
    client.force_login(host)
    assert "cancel-reason" in client.get(event.get_absolute_url()).content.decode()
    page = client.post(reverse("event_cancel", args=[event.pk]), {"reason": "講師の急病のため"}, follow=True).content.decode()
    assert Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED
    assert "このイベントは中止になりました" in page and "講師の急病のため" in page
