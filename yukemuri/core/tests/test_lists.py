"""Lists: filters by area, municipality, SDG goal, status and text; sorting; pagination."""

import pytest
from django.urls import reverse

from yukemuri.core.filters import normalise_query
from yukemuri.ideas.services import idea_support
from yukemuri.issues.services import issue_set_status
from yukemuri.regions.models import Area


def titles(response, key):
    return [post.title for post in response.context[key]]


@pytest.fixture
def posts(person, other_person, make_idea, make_issue):
    akiya = make_issue(person, title="空き家活用が進まない", sdg_numbers=[11], code="102083")
    make_issue(person, title="バスが少ない", body="通学の足がない", sdg_numbers=[9, 11], code="104434")
    road = make_issue(person, title="道路の老朽化", body="橋と道路が古い", code="102016")
    issue_set_status(issue=road, by=person, status="resolved")
    a = make_idea(person, title="アキヤデアキナイ", body="空き家活用のスタートアップ", sdg_numbers=[11, 8], code="102083")
    b = make_idea(person, title="尾瀬の郷倶楽部", body="村づくり", sdg_numbers=[17], code="104434")
    c = make_idea(person, title="ＳＮＳでつながる親父たち", body="家事育児", sdg_numbers=[5], code="103454")
    idea_support(idea=b, person=other_person)
    idea_support(idea=b, person=person)
    idea_support(idea=c, person=other_person)
    return {"akiya": akiya, "ideas": (a, b, c)}


def test_japanese_substring_search(client, posts):
    response = client.get(reverse("issue_list"), {"q": "空き家"})
    assert titles(response, "issues") == ["空き家活用が進まない"]
    assert titles(client.get(reverse("idea_list"), {"q": "空き家"}), "ideas") == ["アキヤデアキナイ"]  # in the body
    assert titles(client.get(reverse("issue_list"), {"q": "通学"}), "issues") == ["バスが少ない"]


def test_search_normalises_width_and_needs_every_term(client, posts):
    assert normalise_query("  ＳＮＳ　親父 ") == ["sns", "親父"]
    assert titles(client.get(reverse("idea_list"), {"q": "sns 親父"}), "ideas") == ["ＳＮＳでつながる親父たち"]
    assert titles(client.get(reverse("idea_list"), {"q": "SNS 尾瀬"}), "ideas") == []
    assert titles(client.get(reverse("idea_list"), {"q": "家"}), "ideas")  # one character still searches
    assert titles(client.get(reverse("idea_list"), {"q": "あきや"}), "ideas") == ["アキヤデアキナイ"]  # kana folded


def test_filters_by_municipality_area_sdg_and_status(client, posts):
    assert titles(client.get(reverse("idea_list"), {"municipality": "104434"}), "ideas") == ["尾瀬の郷倶楽部"]
    area = Area.objects.get(name="北群馬渋川")
    assert sorted(titles(client.get(reverse("idea_list"), {"area": area.pk}), "ideas")) == [
        "アキヤデアキナイ", "ＳＮＳでつながる親父たち"]
    assert titles(client.get(reverse("idea_list"), {"sdg": 17}), "ideas") == ["尾瀬の郷倶楽部"]
    assert sorted(titles(client.get(reverse("issue_list"), {"sdg": 11}), "issues")) == ["バスが少ない", "空き家活用が進まない"]
    assert titles(client.get(reverse("issue_list"), {"status": "resolved"}), "issues") == ["道路の老朽化"]


def test_sort_by_newest_or_most_supported(client, posts):
    assert titles(client.get(reverse("idea_list")), "ideas") == ["ＳＮＳでつながる親父たち", "尾瀬の郷倶楽部", "アキヤデアキナイ"]
    assert titles(client.get(reverse("idea_list"), {"sort": "supported"}), "ideas") == [
        "尾瀬の郷倶楽部", "ＳＮＳでつながる親父たち", "アキヤデアキナイ"]


def test_bad_filters_show_errors_not_everything(client, posts):
    response = client.get("/en" + reverse("idea_list"), {"municipality": "102084", "sdg": "18"})
    assert response.status_code == 200
    assert titles(response, "ideas") == []
    errors = response.context["form"].errors
    assert "check digit should be 3" in errors["municipality"][0]
    assert "sdg" in errors


def test_pagination_keeps_filters_and_404s_past_the_end(client, person, make_idea):
    for n in range(23):
        make_idea(person, title=f"案{n:02d}", sdg_numbers=[11])
    first = client.get(reverse("idea_list"), {"sdg": 11})
    assert len(first.context["ideas"]) == 20 and first.context["page"].paginator.num_pages == 2
    assert "sdg=11&amp;page=2" in first.content.decode()
    second = client.get(reverse("idea_list"), {"sdg": 11, "page": 2})
    assert len(second.context["ideas"]) == 3
    assert client.get(reverse("idea_list"), {"page": 3}).status_code == 404


def test_region_pages(client, posts):
    index = client.get(reverse("region_list")).content.decode()
    assert index.count('href="/regions/1') >= 35 - 4  # every municipality links to its page
    assert "甘楽富岡" in index and "太田・邑楽館林" in index
    page = client.get(reverse("municipality_detail", args=["104434"]))
    content = page.content.decode()
    assert "片品村" in content and "バスが少ない" in content and "尾瀬の郷倶楽部" in content
    assert "アキヤデアキナイ" not in content
    assert client.get(reverse("municipality_detail", args=["104435"])).status_code == 404  # bad check digit
    assert client.get(reverse("municipality_detail", args=["092011"])).status_code == 404  # valid, not loaded


def test_home_shows_newest_posts_and_areas(client, posts):
    content = client.get(reverse("home")).content.decode()
    assert "アキヤデアキナイ" in content and "空き家活用が進まない" in content
    assert "北群馬渋川" in content and "?area=" in content
