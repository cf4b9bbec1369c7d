"""Registry pages: the list and its filters, the CSV, the startup page and its forms."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from yukemuri.core.testing import assert_max_queries
from yukemuri.moderation.models import Report
from yukemuri.moderation.selectors import moderation_queue
from yukemuri.moderation.services import post_hide
from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import membership_add
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Area, Municipality
from yukemuri.startups import services
from yukemuri.startups.models import FundingRound, ProgressUpdate, Startup

from .factories import ProgrammeFactory, StartupFactory, coordinator


@pytest.fixture
def registry(gunma):
    """Three startups in three places, two programmes, public and private rounds."""
    steward = coordinator()
    shibukawa, takasaki, kusatsu = (Municipality.objects.get(code=c) for c in ("102083", "102024", "104264"))
    akiya = StartupFactory(organisation__name="アキヤラボ", organisation__municipality=shibukawa, stage="seed",
                           sector="town", founded_on=date(2022, 4, 1))
    agri = StartupFactory(organisation__name="ハルナアグリ", organisation__municipality=takasaki, stage="series_a",
                          sector="food", founded_on=date(2020, 6, 1))
    onsen = StartupFactory(organisation__name="ユケムリワークス", organisation__municipality=kusatsu,
                           stage="pre_seed", sector="tourism")
    accelerator = ProgrammeFactory(name="アクセラレータープログラム", fiscal_year=2024)
    pitch = ProgrammeFactory(name="スタートアップピッチ・交流会", kind="pitch", fiscal_year=2023)
    services.participation_set(startup=akiya, programme=accelerator, by=steward, year=2024, outcome="completed")
    services.participation_set(startup=akiya, programme=pitch, by=steward, year=2023)
    services.participation_set(startup=agri, programme=pitch, by=steward, year=2023, outcome="awarded")
    for startup, amount, public in ((akiya, 3_000_000, True), (akiya, 20_000_000, True), (akiya, 77_777_777, False),
                                    (agri, 150_000_000, True)):
        services.funding_round_add(startup=startup, by=steward, date=date(2024, 4, 1), amount_yen=amount,
                                   kind="equity", is_public=public)
    return {"akiya": akiya, "agri": agri, "onsen": onsen, "accelerator": accelerator, "pitch": pitch,
            "steward": steward}


def names_on(client, **params):
    response = client.get(reverse("startup_list"), params)
    assert response.status_code == 200
    return [s.organisation.name for s in response.context["startups"]], response.content.decode()


def test_list_shows_each_startups_money_and_the_total(client, registry):
    names, page = names_on(client)
    assert names == ["アキヤラボ", "ハルナアグリ", "ユケムリワークス"]
    assert "23,000,000" in page and "150,000,000" in page
    assert "173,000,000" in page  # the registry's total of public rounds
    assert "77,777,777" not in page and "100,777,777" not in page  # private rounds count nowhere
    assert "アクセラレータープログラム 2024" in page


@pytest.mark.parametrize(("params", "expected"), [
    ({"stage": "seed"}, ["アキヤラボ"]),
    ({"sector": "tourism"}, ["ユケムリワークス"]),
    ({"municipality": "102024"}, ["ハルナアグリ"]),
    ({"q": "アグリ"}, ["ハルナアグリ"]),
    ({"sort": "raised"}, ["ハルナアグリ", "アキヤラボ", "ユケムリワークス"]),
    ({"sort": "founded"}, ["アキヤラボ", "ハルナアグリ", "ユケムリワークス"]),
])
def test_list_filters_and_sorts(client, registry, params, expected):
    assert names_on(client, **params)[0] == expected


def test_programme_and_area_filters_and_the_filtered_total(client, registry):
    names, page = names_on(client, programme=registry["pitch"].pk)
    assert names == ["アキヤラボ", "ハルナアグリ"]
    names, page = names_on(client, programme=registry["accelerator"].pk)
    assert names == ["アキヤラボ"] and "23,000,000" in page and "173,000,000" not in page
    assert names_on(client, area=Area.objects.get(name="吾妻").pk)[0] == ["ユケムリワークス"]


def test_bad_filters_show_an_error_not_everything(client, registry):
    response = client.get(reverse("startup_list"), {"programme": 99999, "stage": "unicorn"})
    assert response.context["startups"] == [] and response.context["form"].errors.keys() == {"programme", "stage"}
    assert 'aria-invalid="true"' in response.content.decode()


def test_list_queries_do_not_grow_with_the_number_of_startups(client, registry):
    for _ in range(10):
        StartupFactory()
    with assert_max_queries(12):
        client.get(reverse("startup_list"))


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_export_is_excel_ready_open_data(client, registry):
    response = client.get(reverse("startup_export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="startups.csv"'
    header, *rows = read_csv(response)
    assert len(header) == 15 and all(len(row) == 15 for row in rows)
    by_name = {row[1]: row for row in rows}
    assert set(by_name) == {"アキヤラボ", "ハルナアグリ", "ユケムリワークス"}
    akiya = by_name["アキヤラボ"]
    assert akiya[0] == str(registry["akiya"].pk)
    assert akiya[4:7] == ["102083", "渋川市", "北群馬渋川"] and akiya[7] == "2022-04-01"
    assert akiya[8] == "23000000"  # whole yen, public rounds only, no separators
    assert "アクセラレータープログラム (2024" in akiya[9] and "スタートアップピッチ・交流会 (2023" in akiya[9]
    assert akiya[12].endswith(reverse("startup_detail", args=[registry["akiya"].pk]))
    assert by_name["ユケムリワークス"][8] == "0"


def test_csv_export_keeps_the_lists_filters(client, registry):
    _header, *rows = read_csv(client.get(reverse("startup_export"), {"stage": "series_a"}))
    assert [row[1] for row in rows] == ["ハルナアグリ"]
    assert client.get(reverse("startup_export"), {"stage": "unicorn"}).status_code == 400


def test_page_shows_rounds_programmes_and_updates_and_hides_private_rounds(client, registry):
    akiya = registry["akiya"]
    services.progress_post(startup=akiya, by=registry["steward"], text="**40件**の空き家を調査", date=date(2024, 3, 20))
    page = client.get(reverse("startup_detail", args=[akiya.pk])).content.decode()
    assert "<strong>40件</strong>の空き家を調査" in page and "2024-03-20" in page
    assert "20,000,000" in page and "3,000,000" in page and "23,000,000" in page
    assert "77,777,777" not in page
    assert "アクセラレータープログラム" in page and "<caption" in page
    assert reverse("startup_round_new", args=[akiya.pk]) not in page  # no editing tools for visitors


def test_members_see_private_rounds_and_tools(client, registry):
    akiya = registry["akiya"]
    member = PersonFactory()
    membership_add(organisation=akiya.organisation, person=member)
    client.force_login(member)
    page = client.get(reverse("startup_detail", args=[akiya.pk])).content.decode()
    assert "77,777,777" in page and reverse("startup_round_new", args=[akiya.pk]) in page
    assert reverse("startup_participation_new", args=[akiya.pk]) not in page  # programmes are for stewards


def test_member_adds_a_round_typed_with_commas_and_full_width_digits(client, registry):
    onsen = registry["onsen"]
    member = PersonFactory()
    membership_add(organisation=onsen.organisation, person=member)
    client.force_login(member)
    url = reverse("startup_round_new", args=[onsen.pk])
    response = client.post(url, {"date": "2024-06-01", "kind": "grant", "amount_yen": "１，０００，０００円",
                                 "source": "コンテスト賞金", "is_public": "on"})
    assert response.status_code == 302
    funding_round = FundingRound.objects.get(startup=onsen)
    assert funding_round.amount_yen == 1_000_000 and funding_round.created_by == member
    response = client.post(url, {"date": "2024-06-01", "kind": "grant", "amount_yen": "1000000.5"})
    assert response.status_code == 400 and "amount_yen" in response.context["form"].errors
    assert FundingRound.objects.filter(startup=onsen).count() == 1


def test_outsiders_cannot_open_the_forms(client, registry, person):
    akiya = registry["akiya"]
    url = reverse("startup_round_new", args=[akiya.pk])
    assert reverse("login") in client.get(url)["Location"]
    client.force_login(person)
    assert client.get(url).status_code == 403
    response = client.post(reverse("startup_update_new", args=[akiya.pk]), {"date": "2024-01-01", "text": "x"})
    assert response.status_code == 403 and not ProgressUpdate.objects.exists()
    private = FundingRound.objects.get(amount_yen=77_777_777)
    assert client.post(reverse("startup_round_delete", args=[akiya.pk, private.pk])).status_code == 403
    assert FundingRound.objects.filter(pk=private.pk).exists()


def test_member_posts_an_update_and_edits_the_profile(client, registry):
    agri = registry["agri"]
    member = PersonFactory(display_name="農業の人")
    membership_add(organisation=agri.organisation, person=member)
    client.force_login(member)
    client.post(reverse("startup_update_new", args=[agri.pk]), {"date": "2024-08-20", "text": "作業時間が3割減"})
    client.post(reverse("startup_edit", args=[agri.pk]), {"stage": "series_b_plus", "sector": "food",
                                                           "pitch": "畑の見える化"})
    page = client.get(reverse("startup_detail", args=[agri.pk])).content.decode()
    assert "作業時間が3割減" in page and "農業の人" in page and "畑の見える化" in page
    assert Startup.objects.get(pk=agri.pk).stage == "series_b_plus"


def test_steward_records_a_programme_through_the_page(client, registry):
    client.force_login(registry["steward"])
    onsen, accelerator = registry["onsen"], registry["accelerator"]
    response = client.post(reverse("startup_participation_new", args=[onsen.pk]),
                           {"programme": accelerator.pk, "year": 2024, "outcome": "selected"})
    assert response.status_code == 302
    names, _page = names_on(client, programme=accelerator.pk)
    assert names == ["アキヤラボ", "ユケムリワークス"]


def test_register_a_new_startup_from_the_page(client, gunma, person):
    client.force_login(person)
    page = client.get(reverse("startup_new"))
    assert "name" in page.context["form"].fields  # nothing to choose from: a new one is made
    response = client.post(reverse("startup_new"), {"name": "株式会社 テスト", "municipality": "102083",
                                                     "stage": "idea", "sector": "software"})
    startup = Startup.objects.get()
    assert response["Location"] == reverse("startup_detail", args=[startup.pk])
    assert startup.organisation.kind == Organisation.Kind.STARTUP and startup.organisation.municipality.code == "102083"


def test_register_an_existing_startup_organisation(client, gunma, person):
    organisation = Organisation.objects.create(name="既存スタートアップ", kind="startup")
    membership_add(organisation=organisation, person=person)
    client.force_login(person)
    form = client.get(reverse("startup_new")).context["form"]
    assert list(form.fields["organisation"].queryset) == [organisation]
    client.post(reverse("startup_new"), {"organisation": organisation.pk, "stage": "seed", "sector": "health"})
    assert Startup.objects.get().organisation == organisation


def test_updates_can_be_reported_and_hidden_by_moderators(client, registry, person, moderator):
    akiya = registry["akiya"]
    update = services.progress_post(startup=akiya, by=registry["steward"], text="誇大な宣伝文句")
    client.force_login(person)
    response = client.post(reverse("report", args=["startup_update", update.pk]), {"reason": "spam"})
    assert response["Location"] == f"{reverse('startup_detail', args=[akiya.pk])}#update-{update.pk}"
    assert Report.objects.get().object_id == update.pk
    assert [item.target for item in moderation_queue()] == [update]
    post_hide(target=update, moderator=moderator, reason="広告")
    assert "誇大な宣伝文句" not in client.get(reverse("startup_detail", args=[akiya.pk])).content.decode()
