"""Creators: marking oneself as one, and the /creators/ page that lists only public profiles."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yukemuri.demo.creators import load_creator_demo
from yukemuri.people import services
from yukemuri.people.models import ConsentPurpose, PersonCreatorKind
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Area, Municipality


def creator(name, kinds, code="102083", skills=(), consents=None, **extra):
    person = PersonFactory(display_name=name, consents=consents)
    services.profile_update(person=person, display_name=name, preferred_language="ja", relation="resident",
                            home_municipality=Municipality.objects.get(code=code), skill_names=skills,
                            creator_kinds=kinds, **extra)
    return person


def listed(client, **params):
    response = client.get(reverse("creator_list"), params)
    assert response.status_code == 200
    return [person.display_name for person in response.context["creators"]], response.content.decode()


def test_only_creators_with_a_public_profile_are_listed(client, gunma):
    public = creator("デザイナー花子", ["design"], portfolio_url="https://example.jp/hanako")
    creator("非公開の動画作家", ["video"], consents=[ConsentPurpose.TERMS])
    PersonFactory(display_name="クリエイターではない人")
    names, page = listed(client)
    assert names == ["デザイナー花子"]
    assert "非公開の動画作家" not in page and "クリエイターではない人" not in page
    assert reverse("person_detail", args=[public.pk]) in page and "https://example.jp/hanako" in page
    services.consent_withdraw(person=public, purpose=ConsentPurpose.PUBLIC_PROFILE)
    names, page = listed(client)
    assert names == [] and "デザイナー花子" not in page


def test_filters_by_kind_skill_and_area(client, gunma):
    creator("写真家A", ["photography"], code="102083", skills=["ドローン撮影"])
    creator("映像と写真B", ["video", "photography"], code="102024", skills=["映像編集"])
    creator("作曲家C", ["music"], code="104264")
    assert sorted(listed(client, kind="photography")[0]) == sorted(["写真家A", "映像と写真B"])
    assert sorted(listed(client, kind=["music", "video"])[0]) == sorted(["作曲家C", "映像と写真B"])
    assert listed(client, skill="ドローン")[0] == ["写真家A"]
    assert listed(client, area=Area.objects.get(name="吾妻").pk)[0] == ["作曲家C"]
    response = client.get(reverse("creator_list"), {"kind": "astronaut"})
    assert response.context["creators"] == [] and "kind" in response.context["form"].errors


def test_kinds_are_a_fixed_set_and_can_be_cleared(gunma):
    person = creator("イラストレーター", ["illustration", "design", "illustration"])
    assert sorted(PersonCreatorKind.objects.filter(person=person).values_list("kind", flat=True)) == [
        "design", "illustration"]
    with pytest.raises(ValidationError):
        services.creator_kinds_set(person=person, kinds=["astronaut"])
    services.profile_update(person=person, display_name="x", preferred_language="ja", relation="resident")
    assert PersonCreatorKind.objects.filter(person=person).count() == 2  # not given: left as they were
    services.creator_kinds_set(person=person, kinds=[])
    assert not PersonCreatorKind.objects.filter(person=person).exists()


def test_profile_form_on_my_page_marks_a_creator(client, gunma):
    person = PersonFactory(display_name="ライター")
    client.force_login(person)
    page = client.get(reverse("me")).content.decode()
    assert 'name="creator_kinds"' in page and 'name="portfolio_url"' in page
    response = client.post(reverse("me"), {"display_name": "ライター", "preferred_language": "ja",
                                           "relation": "resident", "creator_kinds": ["writing", "video"],
                                           "portfolio_url": "example.jp/works"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.portfolio_url == "https://example.jp/works"
    assert listed(client, kind="writing")[0] == ["ライター"]
    profile = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "https://example.jp/works" in profile and "?kind=writing" in profile
    assert re.search(r'value="writing" id="[^"]+" checked', client.get(reverse("me")).content.decode())


def test_creator_demo_marks_people_and_asks_on_an_issue_once(client, make_issue):
    misaki, haruto = PersonFactory(display_name="みさき（デモ）"), PersonFactory(display_name="はると（デモ）")
    issue = make_issue(PersonFactory())
    get = {"p-misaki": misaki, "p-haruto": haruto, "i-akiya": issue}.get
    assert load_creator_demo(get) == 3 and load_creator_demo(get) == 0
    names, page = listed(client)
    assert sorted(names) == sorted(["みさき（デモ）", "はると（デモ）"]) and issue.title in page
