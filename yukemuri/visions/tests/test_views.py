"""The vision pages: list, area and municipality pages, versions, compare, edit, updates, reviews, stewards;
bad addresses and parameters answer 404 or 400, never 500."""

from datetime import date

import pytest
from django.urls import reverse

from yukemuri.regions.models import Municipality
from yukemuri.visions import services
from yukemuri.visions.models import Review, Revision, Steward, Update

pytestmark = pytest.mark.django_db


def _v2(vision, by):
    return services.vision_revise(vision=vision, by=by, title="手をつなぐ未来",
                                  body="## めざす姿\n\n空き家と古民家が地域の拠点になっている。\n\n## 新しい節\n\n追加の段落。")


def test_list_and_area_page_by_slug_and_id(client, vision, staff):
    page = client.get("/en/visions/")
    assert page.status_code == 200 and "手をつなぐ未来" in page.content.decode()
    assert "/en/visions/kitagunma-shibukawa/" in page.content.decode()
    for key in ("kitagunma-shibukawa", str(vision.area_id)):
        page = client.get(f"/en/visions/{key}/")
        assert page.status_code == 200 and "空き家が地域の拠点になっている" in page.content.decode()
    assert client.get("/en/visions/agatsuma/").status_code == 404  # an area without a vision
    for bad in ("nowhere", "99999999999999", "%00", "1" * 90):
        assert client.get(f"/en/visions/{bad}/").status_code == 404


def test_municipality_vision_under_its_area(client, make_vision, vision):
    shibukawa = Municipality.objects.get(code="102083")
    municipal = make_vision(municipality=shibukawa, body="## 渋川\n\n渋川のビジョン。")
    assert municipal.get_absolute_url() == "/visions/kitagunma-shibukawa/102083/"
    assert "渋川のビジョン" in client.get(municipal.get_absolute_url()).content.decode()
    assert shibukawa.display_name in client.get("/visions/kitagunma-shibukawa/").content.decode()
    assert client.get("/visions/kitagunma-shibukawa/104434/").status_code == 404  # 片品村 is in 利根沼田
    assert client.get("/visions/kitagunma-shibukawa/abc/").status_code == 404


def test_versions_and_compare(client, vision, coordinator):
    _v2(vision, coordinator)
    versions = client.get(reverse("vision_revisions", args=[vision.pk]))
    assert versions.status_code == 200 and "?a=1&amp;b=2" in versions.content.decode()
    old = client.get(reverse("vision_revision", args=[vision.pk, 1]))
    assert old.status_code == 200 and "空き家が地域の拠点になっている。" in old.content.decode()
    page = client.get("/en" + reverse("vision_compare", args=[vision.pk]) + "?a=1&b=2")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<ins>" in text and "Paragraph changed" in text and "Heading added" in text and "新しい節" in text
    assert "Paragraph removed" in text and "子どもの居場所をつくる。" in text  # the old last paragraph went
    default = client.get(reverse("vision_compare", args=[vision.pk]))
    assert default.status_code == 200 and "<ins>" in default.content.decode()


@pytest.mark.parametrize("query", ["a=1&b=9", "a=x&b=2", "a=&b=", "a=99999999999999999999&b=1", "b=2"])
def test_compare_bad_parameters_are_a_400_with_the_form(client, vision, coordinator, query):
    _v2(vision, coordinator)
    page = client.get(reverse("vision_compare", args=[vision.pk]) + "?" + query)
    assert page.status_code == 400 and "errorlist" in page.content.decode()


@pytest.mark.parametrize("path", ["/visions/vision/999999/versions/", "/visions/vision/99999999999999999999/compare/",
                                  "/visions/vision/{pk}/versions/3/", "/visions/vision/{pk}/versions/99999999999999/",
                                  "/visions/vision/{pk}/reviews/1999/", "/visions/vision/{pk}/reviews/99999999/"])
def test_unknown_things_are_404(client, vision, path):
    assert client.get(path.format(pk=vision.pk)).status_code == 404


def test_a_steward_edits_and_lands_on_the_compare_page(client, vision, person, staff):
    url = reverse("vision_edit", args=[vision.pk])
    client.force_login(person)
    assert client.get(url).status_code == 403
    services.steward_name(vision=vision, by=staff, person=person)
    form = client.get(url)
    assert form.status_code == 200 and "空き家が地域の拠点になっている。" in form.content.decode()
    response = client.post(url, {"title": "手をつなぐ未来", "body": "## めざす姿\n\n新しい文。", "note": "書き直し",
                                 "themes": "空き家, 子育て", "sdgs": ["11"]})
    assert response.status_code == 302 and response["Location"].endswith("?a=1&b=2")
    revision = Revision.objects.get(vision=vision, number=2)
    assert revision.by == person and {t.name for t in revision.themes.all()} == {"空き家", "子育て"}
    again = client.post("/en" + url, {"title": "手をつなぐ未来", "body": "## めざす姿\n\n新しい文。", "themes": "空き家, 子育て",
                              "sdgs": ["11"]})
    assert again.status_code == 400 and "Nothing changed" in again.content.decode()
    assert Revision.objects.filter(vision=vision).count() == 2
    empty = client.post(url, {"title": "", "body": "typed text"})
    assert empty.status_code == 400 and "typed text" in empty.content.decode()


def test_edit_needs_login(client, vision):
    response = client.get(reverse("vision_edit", args=[vision.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_new_vision_page_for_staff_only(client, staff, person, area):
    client.force_login(person)
    assert client.get(reverse("vision_new")).status_code == 403
    client.force_login(staff)
    assert client.get(reverse("vision_new") + "?area=abc").status_code == 200
    response = client.post(reverse("vision_new"), {"area": area.pk, "municipality": "", "title": "新しい",
                                                   "body": "## 姿\n\n本文", "themes": ""})
    assert response.status_code == 302 and response["Location"] == "/visions/kitagunma-shibukawa/"


def test_updates_page(client, vision, coordinator, person):
    url = reverse("vision_updates", args=[vision.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "t", "body": "b", "written_on": "2024-05-01"}).status_code == 403
    client.force_login(coordinator)
    response = client.post(url, {"title": "交流会", "body": "開催しました", "written_on": "2024-05-01"})
    assert response.status_code == 302 and Update.objects.get().written_on == date(2024, 5, 1)
    bad = client.post(url, {"title": "x", "body": "y", "written_on": "2999-01-01"})
    assert bad.status_code == 400
    assert "交流会" in client.get(vision.get_absolute_url()).content.decode()


def test_review_draft_is_for_stewards_and_published_for_all(client, vision, coordinator):
    url = reverse("vision_review", args=[vision.pk, 2024])
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    assert client.post(url, {"moved": "動いた", "stalled": "", "next_steps": "", "save": "1"}).status_code == 302
    assert not Review.objects.get().is_published
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    client.post(url, {"moved": "動いた", "stalled": "止まった", "next_steps": "次へ", "publish": "1"})
    client.logout()
    page = client.get(url)
    assert page.status_code == 200 and "止まった" in page.content.decode()
    assert "FY2024" in client.get("/en/kpi/").content.decode()


def test_stewards_page(client, vision, staff, coordinator, person):
    url = reverse("vision_stewards", args=[vision.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    person.email_verified = True
    person.save()
    assert client.post(url, {"email": "nobody@example.jp"}).status_code == 400
    assert client.post(url, {"email": person.email}).status_code == 302
    assert Steward.objects.filter(vision=vision, person=person).exists()
    remove = reverse("vision_steward_remove", args=[vision.pk, person.pk])
    assert client.post(remove).status_code == 302 and not Steward.objects.exists()
    assert client.post(reverse("vision_steward_remove", args=[vision.pk, 999999])).status_code == 404
    assert client.get(remove).status_code == 405
