import csv
import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.ties import selectors, services
from yukemuri.ties.models import Guide, Tie, TieSurvey

WRITES = ("INSERT", "UPDATE", "DELETE")


def get_without_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    written = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert written == [], written
    return response


@pytest.mark.parametrize("code", ["999999", "104255", "abc", "1042560", "１０４２５６"])
@pytest.mark.parametrize("page", ["", "manage/"])
def test_bad_codes_are_404(client, roles, gunma, code, page):
    client.force_login(roles["staff"])
    assert client.get(f"/regions/{code}/ties/{page}").status_code == 404
    assert client.post(f"/regions/{code}/ties/members.csv").status_code == 404


def test_the_public_page_counts_names_only_with_consent(client, tsumagoi, tie_of, village_staff):
    shown, hidden = PersonFactory(display_name="見せる人"), PersonFactory(display_name="隠す人")
    tie_of(shown, kinds=["fan", "visitor"], public_consent=True, prefecture="13")
    tie_of(hidden, kinds=["donor"], contact_consent=True, prefecture="27")
    services.guide_set(municipality=tsumagoi, by=village_staff, name="浅間さん", role="関係人口係",
                       email="kankei@example.jp")
    page = get_without_writes(client, "/regions/104256/ties/").content.decode()
    assert "見せる人" in page and "隠す人" not in page
    assert "浅間さん" in page and "kankei@example.jp" in page
    # One person from 東京都, one from 大阪府: below the smallest group shown, so neither prefecture is named.
    assert "東京都" not in page and "大阪府" not in page and "Other places" in _english(client)
    assert '<svg viewBox="0 0 300' in page and "<table>" in page
    assert "/me/ties/new/?municipality=104256" in page
    assert "/regions/104256/ties/manage/" not in page  # only for its staff
    # the municipality's page links here
    assert "/regions/104256/ties/" in client.get("/regions/104256/").content.decode()


def _english(client):
    return client.get("/en/regions/104256/ties/").content.decode()


def test_prefectures_with_enough_people_are_named(client, tsumagoi, tie_of):
    for n in range(6):
        tie_of(PersonFactory(), kinds=["fan"], prefecture="13" if n < 5 else "27")
    page = client.get("/regions/104256/ties/").content.decode()
    assert "東京都" in page and "大阪府" not in page
    with override_settings(YUKEMURI={**settings.YUKEMURI, "MIN_CELL": 7}):
        assert [row["key"] for row in selectors.public_counts_by_prefecture(tsumagoi)] == ["other"]


def test_an_empty_page_writes_nothing_and_shows_no_help(client, tsumagoi):
    page = get_without_writes(client, "/regions/104256/ties/").content.decode()
    assert not TieSurvey.objects.exists() and not Guide.objects.exists()
    assert re.search(r'href="/help/\d+/"', page) is None


def test_the_open_help_requests_of_the_place_are_shown(client, tsumagoi, gunma):
    from yukemuri.help import services as help_services
    from yukemuri.organisations.models import Membership, Organisation
    from yukemuri.regions.models import Municipality

    farm = Organisation.objects.create(name="嬬恋の農園", kind=Organisation.Kind.COMPANY, verified=True)
    farmer = PersonFactory()
    Membership.objects.create(organisation=farm, person=farmer)
    starts = timezone.now().replace(microsecond=0) + timedelta(days=9)

    def posted(title, code, publish=True):
        request = help_services.request_create(by=farmer, host=farm, municipality=Municipality.objects.get(code=code),
                                               title=title, description="手伝ってください", kind="harvest")
        help_services.slot_add(request=request, by=farmer, starts_at=starts, ends_at=starts + timedelta(hours=3),
                               helpers=3)
        return help_services.request_publish(request=request, by=farmer) if publish else request

    here, draft, elsewhere = posted("キャベツ収穫のお手伝い", "104256"), posted("下書き", "104256", False), posted(
        "草津の雪かき", "104264")
    page = client.get("/regions/104256/ties/").content.decode()
    assert f'href="/help/{here.pk}/"' in page and "キャベツ収穫のお手伝い" in page
    assert timezone.localtime(starts).strftime("%Y-%m-%d") in page
    assert f"/help/{draft.pk}/" not in page and "草津の雪かき" not in page
    assert f'href="/en/help/{here.pk}/"' in client.get("/en/regions/104256/ties/").content.decode()
    assert elsewhere.pk


def test_register_edit_and_delete_my_tie(client, person, tsumagoi):
    client.force_login(person)
    assert "104256" in get_without_writes(client, "/me/ties/").content.decode()  # the place select
    form = get_without_writes(client, "/me/ties/new/?municipality=104256").content.decode()
    assert "農作業を手伝いたい" in form and not TieSurvey.objects.exists()
    bad = client.post("/me/ties/new/?municipality=104256", {"since": "1800", "wish_text": "書いたこと"})
    assert bad.status_code == 400 and "書いたこと" in bad.content.decode() and not Tie.objects.exists()
    done = client.post("/me/ties/new/?municipality=104256", {
        "kinds": ["fan", "hometown"], "since": "2010", "wishes": ["farm", "buy"], "prefecture": "13",
        "contact_consent": "on"})
    assert done.status_code == 302 and done["Location"] == "/me/ties/"
    tie = Tie.objects.get(person=person)
    assert sorted(tie.kinds) == ["fan", "hometown"] and tie.contact_consented_at and not tie.public_consented_at
    # registering the same place again leads to the edit page
    assert client.get("/me/ties/new/?municipality=104256")["Location"] == f"/me/ties/{tie.pk}/"
    edit = get_without_writes(client, f"/me/ties/{tie.pk}/").content.decode()
    assert re.search(r'value="farm"[^>]*checked', edit) and not re.search(r'value="online"[^>]*checked', edit)
    saved = client.post(f"/me/ties/{tie.pk}/", {"kinds": ["visitor"], "public_consent": "on", "prefecture": "13"})
    assert saved.status_code == 302
    tie.refresh_from_db()
    assert tie.kinds == ["visitor"] and tie.public_consented_at and tie.contact_consented_at is None
    assert client.get(f"/me/ties/{tie.pk}/delete/").status_code == 405
    assert client.post(f"/me/ties/{tie.pk}/delete/").status_code == 302 and not Tie.objects.exists()


def test_someone_elses_tie_is_not_found(client, person, other_person, tie_of):
    tie = tie_of(other_person)
    client.force_login(person)
    assert client.get(f"/me/ties/{tie.pk}/").status_code == 404
    assert client.post(f"/me/ties/{tie.pk}/delete/").status_code == 404 and Tie.objects.exists()
    assert client.get("/me/ties/999999/").status_code == 404


@pytest.mark.parametrize("query", ["?municipality=999999", "?municipality=", "?municipality=<b>"])
def test_a_bad_place_shows_the_choice_again(client, person, gunma, query):
    client.force_login(person)
    assert client.get(f"/me/ties/new/{query}").status_code == 400


def test_signed_out_my_ties_asks_to_sign_in(client, gunma):
    assert client.get("/me/ties/").status_code == 302


def test_staff_manage_the_survey_and_guide(client, tsumagoi, village_staff, person):
    client.force_login(person)
    assert client.get("/regions/104256/ties/manage/").status_code == 403
    assert client.post("/regions/104256/ties/manage/survey/", {"questions": "x"}).status_code == 403
    client.force_login(village_staff)
    page = get_without_writes(client, "/regions/104256/ties/manage/").content.decode()
    assert "農作業を手伝いたい" in page and not TieSurvey.objects.exists()
    saved = client.post("/regions/104256/ties/manage/survey/", {"questions": "キャベツの収穫\r\n雪かき\r\n"})
    assert saved.status_code == 302
    assert [q.text for q in selectors.survey_questions(tsumagoi)] == ["キャベツの収穫", "雪かき"]
    bad = client.post("/regions/104256/ties/manage/guide/", {"name": "浅間さん", "role": "係長"})
    assert bad.status_code == 400 and "係長" in bad.content.decode() and selectors.guide_of(tsumagoi) is None
    assert client.post("/regions/104256/ties/manage/guide/",
                       {"name": "浅間さん", "phone": "0279-00-0000"}).status_code == 302
    assert selectors.guide_of(tsumagoi).phone == "0279-00-0000"


def test_members_csv_only_consenting_only_for_staff_and_neutralised(client, tsumagoi, kiryu, tie_of, village_staff,
                                                                    staff_of, roles):
    formula = PersonFactory(display_name="=HYPERLINK(\"http://evil\")")
    tie_of(formula, kinds=["fan", "donor"], since=2015, wishes=["farm"], wish_text="@SUM(1)", contact_consent=True)
    tie_of(PersonFactory(display_name="連絡しない人"), public_consent=True)
    url = "/regions/104256/ties/members.csv"
    client.force_login(village_staff)
    assert client.get(url).status_code == 405  # a download that is recorded is a POST
    for refused in (roles["municipal_staff"], roles["coordinator"], staff_of(kiryu)):
        client.force_login(refused)
        assert client.post(url).status_code == 403
    assert not Action.objects.filter(verb=verbs.TIES_MEMBERS_EXPORTED).exists()
    for allowed in (village_staff, roles["staff"], roles["administrator"]):
        client.force_login(allowed)
        response = client.post(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) == 2
        name, email, kinds, since, wishes, words, agreed = rows[1]
        assert name == "'=HYPERLINK(\"http://evil\")" and words == "'@SUM(1)" and email == formula.email
        assert since == "2015" and wishes == "農作業を手伝いたい" and agreed and len(kinds.split(" / ")) == 2
    assert Action.objects.filter(verb=verbs.TIES_MEMBERS_EXPORTED).count() == 3


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_pages_read_in_a_constant_number_of_queries(client, tsumagoi, tie_of, village_staff):
    def add(n):
        for i in range(n):
            someone = PersonFactory()
            tie_of(someone, kinds=["fan", "donor"], wishes=["farm"], prefecture=f"{i % 47 + 1:02d}",
                   public_consent=True, contact_consent=True)

    add(3)
    owner = Tie.objects.first().person
    client.force_login(owner)
    public, mine = _queries(client, "/regions/104256/ties/"), _queries(client, "/me/ties/")
    add(6)
    assert _queries(client, "/regions/104256/ties/") == public and _queries(client, "/me/ties/") == mine
