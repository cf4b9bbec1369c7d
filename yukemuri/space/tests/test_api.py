"""/api/v1/facilities and /api/v1/facilities/<id>/hours?date=YYYY-MM-DD."""

import pytest

from yukemuri.core.problem import PROBLEM_CONTENT_TYPE


def test_list(client, room):
    body = client.get("/api/v1/facilities").json()
    assert [(f["id"], f["name"], f["space"], f["bookable"]) for f in body] == [(room.pk, "会議室A", "NETSUGEN", True)]


@pytest.mark.parametrize(("day", "expected"), [
    ("2027-01-11", {"date": "2027-01-11", "open": "10:00", "close": "18:00"}),  # 成人の日
    ("2027-01-12", {"date": "2027-01-12", "open": "10:00", "close": "21:00"}),
    ("2027-01-16", {"date": "2027-01-16", "open": "10:00", "close": "18:00"}),  # Saturday
    ("2026-12-31", {"date": "2026-12-31", "closed": True}),  # the year end
])
def test_hours(client, room, day, expected):
    response = client.get(f"/api/v1/facilities/{room.pk}/hours", {"date": day})
    assert response.status_code == 200
    assert response.json() == expected


@pytest.mark.parametrize("day", ["2027-02-30", "20270111", "2027-1-11", "tomorrow", "１２３４-５６-７８", "2027-01-11x"])
def test_bad_dates_are_problems(client, room, day):
    response = client.get(f"/api/v1/facilities/{room.pk}/hours", {"date": day})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["status"] == 400


def test_unknown_facility_is_a_404_problem(client, db):
    response = client.get("/api/v1/facilities/999/hours", {"date": "2027-01-11"})
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM_CONTENT_TYPE
