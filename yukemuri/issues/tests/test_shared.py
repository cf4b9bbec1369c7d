"""広域 (issue 20): an issue or idea that also concerns other municipalities is listed and counted in each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yukemuri.ideas.models import Idea
from yukemuri.ideas.selectors import idea_counts_by
from yukemuri.issues.models import Issue
from yukemuri.issues.selectors import issue_counts_by
from yukemuri.regions.models import Municipality

SHIBUKAWA, MAEBASHI, TAKASAKI, KATASHINA = "102083", "102016", "102024", "104434"


def _m(code):
    return Municipality.objects.get(code=code)


@pytest.fixture
def shared_issue(person, make_issue):
    """An issue of 渋川市 that also concerns 前橋市 and 高崎市 (and names 渋川市 again, which is not repeated)."""
    return make_issue(person, title="広域の公共交通", municipalities=[_m(MAEBASHI), _m(TAKASAKI), _m(SHIBUKAWA)])


def test_create_keeps_other_municipalities_without_the_own(shared_issue):
    assert sorted(m.code for m in shared_issue.municipalities.all()) == [MAEBASHI, TAKASAKI]


def test_list_filtered_by_a_municipality_includes_shared_posts(client, person, shared_issue, make_issue):
    make_issue(person, title="片品村だけの課題", code=KATASHINA)
    for code, expected in ((MAEBASHI, {"広域の公共交通"}), (SHIBUKAWA, {"広域の公共交通"}),
                           (KATASHINA, {"片品村だけの課題"})):
        page = client.get(reverse("issue_list"), {"municipality": code})
        assert {issue.title for issue in page.context["issues"]} == expected, code
    # The API filters the same way, and says what else the issue concerns.
    answer = client.get("/api/v1/issues", {"municipality": TAKASAKI}).json()
    assert [row["title"] for row in answer["results"]] == ["広域の公共交通"]
    assert [m["code"] for m in answer["results"][0]["municipalities"]] == [MAEBASHI, TAKASAKI]


def test_area_filter_includes_posts_shared_into_the_area(client, shared_issue):
    takasaki_area = _m(TAKASAKI).area
    page = client.get(reverse("issue_list"), {"area": takasaki_area.pk})
    assert [issue.title for issue in page.context["issues"]] == ["広域の公共交通"]
    # once, although listed by a subquery over two rows of the through table
    assert page.context["page"].paginator.count == 1


def test_counts_count_a_shared_post_in_each_place_once(person, shared_issue, make_issue):
    make_issue(person, title="渋川の別の課題")
    by_municipality = issue_counts_by("municipality")
    assert by_municipality[_m(SHIBUKAWA).pk] == 2
    assert by_municipality[_m(MAEBASHI).pk] == 1 and by_municipality[_m(TAKASAKI).pk] == 1
    by_area = issue_counts_by("area")
    areas = {_m(code).area_id for code in (SHIBUKAWA, MAEBASHI, TAKASAKI)}
    assert len(areas) == 3  # three different areas: the shared issue counts once in each
    assert by_area[_m(SHIBUKAWA).area_id] == 2
    assert by_area[_m(MAEBASHI).area_id] == 1 and by_area[_m(TAKASAKI).area_id] == 1
    assert sum(by_area.values()) == 4


def test_two_shared_municipalities_in_one_area_count_once_there(person, make_issue):
    maebashi = _m(MAEBASHI)
    neighbour = Municipality.objects.filter(area=maebashi.area).exclude(pk=maebashi.pk).first()
    make_issue(person, code=KATASHINA, municipalities=[maebashi, neighbour])
    assert issue_counts_by("area")[maebashi.area_id] == 1
    assert issue_counts_by("municipality")[neighbour.pk] == 1


def test_hidden_posts_are_not_counted(person, shared_issue):
    Issue.objects.filter(pk=shared_issue.pk).update(visibility="hidden")
    assert _m(MAEBASHI).pk not in issue_counts_by("municipality")


def test_regions_page_and_municipality_page_show_the_shared_post(client, person, shared_issue, make_idea):
    make_idea(person, title="広域の移動アイデア", code=KATASHINA, municipalities=[_m(MAEBASHI)])
    page = client.get(reverse("municipality_detail", args=[MAEBASHI]))
    assert [i.title for i in page.context["issues"]] == ["広域の公共交通"]
    assert [i.title for i in page.context["ideas"]] == ["広域の移動アイデア"]
    regions = client.get(reverse("region_list")).context["prefectures"][0]
    maebashi = next(m for a in regions.areas.all() for m in a.municipalities.all() if m.code == MAEBASHI)
    assert (maebashi.issue_count, maebashi.idea_count) == (1, 1)
    assert idea_counts_by("municipality")[_m(MAEBASHI).pk] == 1


def test_regions_page_queries_do_not_grow_with_shared_posts(client, person, make_issue):
    from django.core.cache import cache

    make_issue(person, municipalities=[_m(MAEBASHI)])
    client.get(reverse("region_list"))  # warm the memos
    cache.clear()  # not from the page cache
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("region_list"))
    for n in range(5):
        make_issue(person, title=f"広域 {n}", municipalities=[_m(MAEBASHI), _m(TAKASAKI)])
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("region_list"))
    assert len(more) == len(few) > 0
    with CaptureQueriesContext(connection) as counting:
        issue_counts_by("area")
    assert len(counting) == 2


def test_form_chooses_municipalities_and_a_point_and_keeps_them_on_edit(client, person, gunma):
    client.force_login(person)
    response = client.post(reverse("issue_new"), {
        "title": "川の増水", "body": "大雨で増水する。", "place": f"m:{SHIBUKAWA}",
        "municipalities": [MAEBASHI, KATASHINA], "latitude": "36.49", "longitude": "139.0",
    })
    assert response.status_code == 302
    issue = Issue.objects.get()
    assert sorted(m.code for m in issue.municipalities.all()) == [MAEBASHI, KATASHINA]
    assert (issue.latitude, issue.longitude) == (36.49, 139.0)
    form = client.get(reverse("issue_edit", args=[issue.pk])).context["form"]
    assert sorted(form.initial["municipalities"]) == [MAEBASHI, KATASHINA] and form.initial["latitude"] == 36.49
    client.post(reverse("issue_edit", args=[issue.pk]), {
        "title": "川の増水", "body": "大雨で増水する。", "place": f"m:{SHIBUKAWA}", "municipalities": [],
        "latitude": "", "longitude": ""})
    issue.refresh_from_db()
    assert not issue.municipalities.exists() and issue.latitude is None
    detail = client.get(reverse("issue_detail", args=[issue.pk]))
    assert detail.status_code == 200


def test_form_asks_for_both_coordinates_in_range(client, person, gunma):
    client.force_login(person)
    url = "/en" + reverse("idea_new")
    response = client.post(url, {
        "title": "案", "body": "本文", "place": f"m:{SHIBUKAWA}", "latitude": "36.4", "longitude": ""})
    assert response.status_code == 400 and "longitude" in response.context["form"].errors
    response = client.post(url, {
        "title": "案", "body": "本文", "place": f"m:{SHIBUKAWA}", "latitude": "91", "longitude": "139"})
    assert response.status_code == 400 and "latitude" in response.context["form"].errors
    assert not Idea.objects.exists()


def test_an_edit_through_the_service_keeps_what_it_is_not_given(person, shared_issue):
    from yukemuri.issues.services import issue_update

    shared_issue.latitude, shared_issue.longitude = 36.5, 139.0
    shared_issue.save()
    issue_update(issue=shared_issue, editor=person, title="広域の公共交通（改）", body="本文",
                 place={"municipality": _m(SHIBUKAWA)})
    shared_issue.refresh_from_db()
    assert shared_issue.municipalities.count() == 2 and shared_issue.latitude == 36.5


def test_writing_shared_municipalities_moves_the_page_cache_on(person, shared_issue):
    from yukemuri.core.pagecache import generation

    before = generation()
    shared_issue.municipalities.set([_m(KATASHINA)])
    assert generation() != before
