"""Help pages: the list and its filters, disaster page, detail with sign-up per slot, hosts' pages."""

import pytest
from django.core import mail

from yukemuri.core.testing import get_counted, writes
from yukemuri.events.models import Registration
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.help import services
from yukemuri.help.models import HelpRequest


def test_list_shows_published_requests_and_filters(client, make_request, municipality):
    make_request(title="テストりんごの収穫隊", kind="harvest", skills=["草刈り"])
    make_request(title="テスト雪かき隊", kind="snow", online=False)
    make_request(title="テスト翻訳のお手伝い隊", kind="other", online=True)
    make_request(title="まだ出さない草むしり", publish=False)
    page = client.get("/help/").content.decode()
    assert "テストりんごの収穫隊" in page and "テスト雪かき隊" in page and "まだ出さない草むしり" not in page
    page = client.get("/help/", {"kind": "snow"}).content.decode()
    assert "テスト雪かき隊" in page and "テストりんごの収穫隊" not in page
    page = client.get("/help/", {"online": "yes"}).content.decode()
    assert "テスト翻訳のお手伝い隊" in page and "テスト雪かき隊" not in page
    page = client.get("/help/", {"skill": "草刈り"}).content.decode()
    assert "テストりんごの収穫隊" in page and "テスト雪かき隊" not in page
    page = client.get("/help/", {"municipality": "104256"}).content.decode()  # 嬬恋村: none there
    assert "テストりんごの収穫隊" not in page
    page = client.get("/help/", {"municipality": municipality.code, "area": municipality.area_id}).content.decode()
    assert "テストりんごの収穫隊" in page


def test_date_range_filter(client, make_request):
    from datetime import timedelta

    from django.utils import timezone

    make_request(title="来週の収穫")
    in_a_week = (timezone.localdate() + timedelta(days=7))
    assert "来週の収穫" in client.get("/help/", {"date_from": f"{in_a_week - timedelta(days=1)}",
                                                 "date_to": f"{in_a_week + timedelta(days=2)}"}).content.decode()
    assert "来週の収穫" not in client.get("/help/", {"date_from": f"{in_a_week + timedelta(days=5)}"}).content.decode()


@pytest.mark.parametrize("params", [
    {"kind": "nonsense"}, {"area": "abc"}, {"area": "999999"}, {"municipality": "12"}, {"municipality": "999999"},
    {"date_from": "2026-13-40"}, {"date_from": "0001-01-01"}, {"date_to": "99999-01-01"}, {"online": "maybe"},
    {"page": "-1"}, {"page": "abc"}, {"skill": "x" * 500}, {"date_from": "2026-05-01", "date_to": "2026-04-01"},
    {"municipality": "\x00"},
])
def test_garbage_filters_never_500(client, make_request, params):
    make_request(title="りんごの収穫")
    for url in ("/help/", "/help/disaster/"):
        response = client.get(url, params)
        assert response.status_code in (200, 400, 404)
        if response.status_code == 200:
            assert "りんごの収穫" not in response.content.decode()


def test_page_past_the_end_is_404(client, make_request):
    make_request()
    assert client.get("/help/", {"page": "50"}).status_code == 404


def test_disaster_page_lists_only_disaster_requests(client, make_request, staff):
    ordinary = make_request(title="ふつうのお手伝い")
    flood = make_request(title="浸水した家の片付け", kind="disaster")
    services.disaster_mark(request=flood, by=staff)
    page = client.get("/help/disaster/").content.decode()
    assert "浸水した家の片付け" in page and ordinary.title not in page
    page = client.get("/help/").content.decode()
    assert page.index("浸水した家の片付け") < page.index("ふつうのお手伝い")


def test_get_pages_write_nothing(client, make_request, farmer):
    request = make_request()
    slot = request.slots.get()
    for url in ("/help/", "/help/disaster/", f"/help/{request.pk}/"):
        response, captured = get_counted(client, url)
        assert response.status_code == 200 and writes(captured) == []
    client.force_login(farmer)
    for url in (f"/help/{request.pk}/", "/help/new/", f"/help/{request.pk}/edit/", f"/help/{request.pk}/slots/new/",
                f"/help/{request.pk}/slots/{slot.pk}/edit/", f"/help/{request.pk}/signups/",
                f"/help/{request.pk}/slots/{slot.pk}/suggestions/"):
        response, captured = get_counted(client, url)
        assert response.status_code == 200, url
        assert [sql for sql in writes(captured) if "django_session" not in sql] == [], url


def test_detail_shows_slots_with_places_left_and_a_guest_form_per_slot(client, make_request):
    request = make_request(helpers=3, slots=2)
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert page.count('name="email"') == 2
    assert 'id="id_slot' in page and page.count('id="id_email"') == 0  # each form its own ids
    assert "<script>x" not in page  # the description is sanitised Markdown
    assert page.count("残り3") == 2 or page.count("3 places left") == 2


def test_drafts_are_404_for_others_and_visible_to_hosts(client, make_request, farmer, person):
    draft = make_request(publish=False)
    assert client.get(f"/help/{draft.pk}/").status_code == 404
    client.force_login(person)
    assert client.get(f"/help/{draft.pk}/").status_code == 404
    assert client.get(f"/help/{draft.pk}/edit/").status_code == 404
    client.force_login(farmer)
    assert client.get(f"/help/{draft.pk}/").status_code == 200


def test_unknown_ids_are_404(client, make_request, farmer):
    request = make_request()
    client.force_login(farmer)
    assert client.get("/help/999999/").status_code == 404
    assert client.get(f"/help/{request.pk}/slots/999999/edit/").status_code == 404
    assert client.get(f"/help/{request.pk}/slots/999999/suggestions/").status_code == 404


def test_a_guest_signs_up_for_a_slot_and_confirms_by_email(client, make_request, django_capture_on_commit_callbacks):
    request = make_request(helpers=2)
    event = request.slots.get().event
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/register/", {"name": "山田", "email": "yamada@example.com",
                                                                  "consent": "on"})
    assert response.status_code == 200
    registration = Registration.objects.get(event=event)
    assert registration.guest_email == "yamada@example.com" and registration.consented_at is not None
    assert mail.outbox and registration.secret in mail.outbox[0].body
    client.post(f"/events/tickets/{registration.secret}/", {"action": "confirm"})
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_a_guest_sign_up_with_errors_comes_back_on_the_help_page_with_what_was_typed(client, make_request):
    request = make_request(helpers=2, slots=2)
    second = request.slots.order_by("pk").last()
    response = client.post(f"/events/{second.event_id}/register/", {"name": "山田太郎", "email": "not-an-address"})
    page = response.content.decode()
    assert response.status_code == 400 and request.title in page and 'value="山田太郎"' in page
    assert f'id="id_slot{second.pk}_email"' in page and 'aria-invalid="true"' in page
    assert page.count("<details open>") == 1 and not Registration.objects.exists()
    # An ordinary event's form still comes back on the event's own page.
    event = make_event(organiser(), title="ふつうのセミナー", kind="seminar")
    again = client.post(f"/events/{event.pk}/register/", {"name": "山田太郎", "email": "x"}).content.decode()
    assert "ふつうのセミナー" in again and request.title not in again


def test_a_signed_in_person_signs_up_with_one_button_and_then_waits_when_full(client, make_request, person,
                                                                                other_person):
    request = make_request(helpers=1)
    event = request.slots.get().event
    client.force_login(person)
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert f'action="/events/{event.pk}/register/"' in page and 'name="email"' not in page
    client.post(f"/events/{event.pk}/register/")
    assert Registration.objects.get(event=event, person=person).status == "confirmed"
    client.force_login(other_person)
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert "キャンセル待ち" in page or "waiting list" in page
    client.post(f"/events/{event.pk}/register/")
    assert Registration.objects.get(event=event, person=other_person).status == "waitlisted"
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert f"/events/tickets/{Registration.objects.get(person=other_person).secret}/" in page


def test_a_closed_request_offers_no_sign_up(client, make_request, farmer):
    request = make_request()
    services.request_close(request=request, by=farmer)
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert "/register/" not in page


def test_host_creates_a_request_adds_a_slot_and_publishes(client, farmer, farm, municipality):
    client.force_login(farmer)
    response = client.post("/help/new/", {
        "host": farm.pk, "title": "ぶどうの収穫", "kind": "harvest", "description": "房を切ります",
        "municipality": municipality.code, "place_name": "農園", "points": "30", "skills": "草刈り, 運転",
        "languages": "日本語, English"})
    request = HelpRequest.objects.get(title="ぶどうの収穫")
    assert response.status_code == 302 and response.url.endswith(f"/help/{request.pk}/slots/new/")
    assert request.status == "draft" and request.points == 30 and request.languages == ["日本語", "English"]
    response = client.post(f"/help/{request.pk}/slots/new/", {"date": "2030-09-14", "start_time": "09:00",
                                                               "end_time": "12:00", "helpers": "4"})
    assert response.status_code == 302
    client.post(f"/help/{request.pk}/publish/")
    request.refresh_from_db()
    assert request.status == "published" and request.slots.get().event.capacity == 4


def test_forms_keep_what_was_typed(client, farmer, farm):
    client.force_login(farmer)
    response = client.post("/help/new/", {"host": farm.pk, "title": "途中まで", "kind": "harvest"})
    assert response.status_code == 400 and "途中まで" in response.content.decode()


def test_only_hosts_reach_host_pages(client, make_request, person):
    request = make_request()
    client.force_login(person)
    assert client.get("/help/new/").status_code == 403
    for url in (f"/help/{request.pk}/edit/", f"/help/{request.pk}/slots/new/", f"/help/{request.pk}/signups/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/help/{request.pk}/close/").status_code == 403
    assert client.post(f"/help/{request.pk}/disaster/", {"disaster": "1"}).status_code == 403


def test_signups_page_links_to_the_check_in_desk(client, make_request, farmer, person):
    from yukemuri.events import services as events

    request = make_request()
    event = request.slots.get().event
    events.register(event=event, person=person)
    client.force_login(farmer)
    page = client.get(f"/help/{request.pk}/signups/").content.decode()
    assert person.display_name in page and f"/events/{event.pk}/check-in/" in page
    assert client.get(f"/events/{event.pk}/check-in/").status_code == 200  # the host runs the events desk


def test_the_slots_event_page_links_back(client, make_request):
    request = make_request()
    page = client.get(f"/events/{request.slots.get().event_id}/").content.decode()
    assert f'href="/help/{request.pk}/"' in page


def test_events_list_and_calendars_leave_help_slots_out(client, make_request, gunma):
    request = make_request(title="お手伝い枠")
    make_event(organiser(), title="ふつうのセミナー", kind="seminar")
    page = client.get("/events/").content.decode()
    assert "ふつうのセミナー" in page and "お手伝い枠" not in page
    event = request.slots.get().event
    month = client.get("/events/", {"view": "month", "month": f"{event.starts_at:%Y-%m}"}).content.decode()
    assert "お手伝い枠" not in month
    assert "お手伝い枠" in client.get("/events/", {"kind": "help"}).content.decode()  # when asked for
    assert "お手伝い枠" not in client.get(f"/events/areas/{event.area_id}/calendar.ics").content.decode()
    titles = [e["title"] for e in client.get("/api/v1/events").json()["results"]]
    assert "ふつうのセミナー" in titles and "お手伝い枠" not in titles  # the API lists what /events/ lists
    assert [e["title"] for e in client.get("/api/v1/events", {"kind": "help"}).json()["results"]] == ["お手伝い枠"]


def test_navigation_links_help(client, gunma):
    assert 'href="/help/"' in client.get("/events/").content.decode()
