"""/accessibility/: the statement, and a barrier report that reaches the staff (and nobody else), keeps what was typed
when it cannot be sent, and is rate-limited for anyone who is not staff."""

import pytest
from django.conf import settings
from django.test import override_settings

from yukemuri.notifications.models import Notification
from yukemuri.people.tests.factories import PersonFactory


@pytest.fixture
def staff(db):
    return PersonFactory(display_name="職員", is_staff=True)


def test_the_statement_names_the_standards_and_links_from_every_page(client, gunma):
    page = client.get("/en/accessibility/").content.decode()
    assert "WCAG" in page and "JIS X 8341-3:2016" in page and 'id="report"' in page
    assert 'href="/accessibility/"' in client.get("/regions/").content.decode()


def test_a_report_reaches_the_staff_as_a_notice(client, gunma, staff):
    resident = PersonFactory(display_name="住民")
    response = client.post("/accessibility/", {"page": "/ideas/3/", "text": "ボタンが読み上げられません",
                                               "contact": "tel 027-000-0000"})
    assert response.status_code == 302 and response["Location"] == "/accessibility/"
    notice = Notification.objects.get()
    assert notice.person == staff and notice.params["text"] == "ボタンが読み上げられません"
    assert notice.params["page"] == "/ideas/3/" and notice.params["contact"] == "tel 027-000-0000"
    assert not Notification.objects.filter(person=resident).exists()
    client.force_login(staff)
    assert "ボタンが読み上げられません" in client.get("/me/notifications/").content.decode()


def test_an_empty_report_keeps_what_was_typed(client, gunma, staff):
    response = client.post("/accessibility/", {"page": "/events/", "text": "  "})
    page = response.content.decode()
    assert response.status_code == 400 and 'value="/events/"' in page and 'aria-invalid="true"' in page
    assert not Notification.objects.exists()


def test_a_bot_filling_the_hidden_field_reaches_nobody(client, gunma, staff):
    response = client.post("/accessibility/", {"text": "spam", "website": "http://spam.example"})
    assert response.status_code == 400 and not Notification.objects.exists()


def test_reports_are_rate_limited(client, gunma, staff):
    with override_settings(YUKEMURI={**settings.YUKEMURI, "RATE_POST": "2/h"}):
        codes = [client.post("/accessibility/", {"text": f"問題 {n}"}).status_code for n in range(3)]
    assert codes == [302, 302, 429] and Notification.objects.count() == 2
