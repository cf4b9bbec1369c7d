"""Where the money goes: a campaign's payment details, each pledge's reference code, and every place a
supporter reads them (the page after pledging, the confirmation e-mail, my pledges)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from yukemuri.funding import services
from yukemuri.funding.models import REFERENCE_ALPHABET, Campaign, Pledge, _reference
from yukemuri.funding.payment import clean_payment
from yukemuri.funding.tests.factories import PAYMENT
from yukemuri.people.tests.factories import PersonFactory


def ja(message: str) -> str:
    """The words the (unprefixed, Japanese) pages show."""
    with translation.override("ja"):
        return gettext(message)


@pytest.fixture
def campaign(person, make_idea):
    return services.campaign_create(idea=make_idea(person), by=person, title="空き家改修費", purpose="材料費",
                                    goal_yen=100_000, deadline=timezone.now() + timedelta(days=14), **PAYMENT)


def form_data(**changes):
    data = {"title": "改修費", "purpose": "材料費に使います。", "goal_yen": "50000",
            "deadline": (timezone.localdate() + timedelta(days=20)).isoformat(), "mode": "all_or_nothing",
            "provider_name": "offline", **PAYMENT}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_campaign_cannot_open_without_payment_details(person, make_idea):
    idea = make_idea(person)
    with pytest.raises(ValidationError) as excinfo:
        services.campaign_create(idea=idea, by=person, title="t", purpose="p", goal_yen=1000,
                                 deadline=timezone.now() + timedelta(days=1))
    assert "bank_name" in excinfo.value.message_dict
    assert not Campaign.objects.exists()


def test_the_campaign_form_refuses_no_payment_details_and_keeps_what_was_typed(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    url = reverse("campaign_new", args=[idea.pk])
    empty = {field: "" for field in PAYMENT}
    response = client.post(url, form_data(**empty))
    page = response.content.decode()
    assert response.status_code == 400 and not Campaign.objects.exists()
    assert 'name="bank_name"' in page and ja("Say where supporters send the money: the bank account, or how to pay another way. "
                                          "A campaign cannot take pledges without it.") in page
    assert 'value="改修費"' in page  # the form keeps what was typed
    response = client.post(url, form_data(account_holder="Yamada", account_number="12ab"))
    page = response.content.decode()
    assert response.status_code == 400 and not Campaign.objects.exists()
    assert "カタカナ" in page and ja("7 digits.") in page
    response = client.post(url, form_data())
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.account_holder == "ユケムリ タロウ"
    # another provider's free-text instructions instead of a bank account are enough
    Campaign.objects.all().delete()
    response = client.post(url, form_data(**empty, payment_instructions="会場の受付で現金でお支払いください。"))
    assert response.status_code == 302 and Campaign.objects.get().payment_instructions.startswith("会場")


def test_a_campaign_opened_before_payment_details_takes_no_pledges_until_given(client, campaign, person):
    blank = {field: "" for field in PAYMENT}
    Campaign.objects.filter(pk=campaign.pk).update(**blank)  # as after the migration, for an older campaign
    campaign.refresh_from_db()
    with pytest.raises(ValidationError):
        services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=1000)
    client.force_login(PersonFactory())
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert ja("This campaign takes pledges once its team says where the money goes.") in page
    assert client.post(reverse("pledge_new", args=[campaign.pk]), {"amount_yen": "1000"}).status_code == 400
    assert not Pledge.objects.exists()
    services.campaign_payment_update(campaign=campaign, by=person, **PAYMENT)
    campaign.refresh_from_db()
    assert services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=1000).reference


def test_the_admin_checks_payment_details_too(campaign):
    campaign.account_number = "12"
    with pytest.raises(ValidationError) as excinfo:
        campaign.full_clean()
    assert "account_number" in excinfo.value.message_dict


@pytest.mark.parametrize(("field", "value"), [
    ("account_holder", "Taro Yamada"), ("account_holder", "湯煙太郎"), ("account_holder", ""),
    ("account_number", "123456"), ("account_number", "12345678"), ("account_number", "12a4567"),
    ("account_type", "savings"), ("bank_name", ""), ("bank_branch", ""),
])
def test_payment_details_are_checked(field, value):
    with pytest.raises(ValidationError) as excinfo:
        clean_payment(**{**PAYMENT, field: value})
    assert list(excinfo.value.message_dict) == [field]


def test_payment_details_are_normalised():
    values = clean_payment(**{**PAYMENT, "account_number": "１２３-４５６７", "account_holder": "ゆけむり　ﾀﾛｳ"})
    assert values["account_number"] == "1234567" and values["account_holder"] == "ユケムリ タロウ"
    assert clean_payment(**{**PAYMENT, "account_holder": "(カ) ユケムリ"})["account_holder"] == "(カ) ユケムリ"


def test_the_team_edits_payment_details_and_others_may_not(client, campaign, person, other_person):
    url = reverse("campaign_payment", args=[campaign.pk])
    client.force_login(other_person)
    assert client.get(url).status_code == 403
    assert client.post(url, {**PAYMENT, "bank_name": "よその銀行"}).status_code == 403
    client.force_login(person)
    page = client.get(url).content.decode()
    assert 'value="群馬テスト銀行"' in page and 'value="7654321"' in page
    bad = client.post(url, {**PAYMENT, "account_number": "12345", "bank_branch": "高崎支店"})
    assert bad.status_code == 400 and 'value="高崎支店"' in bad.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).bank_branch == "前橋支店"
    assert client.post(url, {**PAYMENT, "bank_branch": "高崎支店"}).status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).bank_branch == "高崎支店"


def test_reference_codes_are_short_and_unambiguous():
    codes = {_reference() for _ in range(500)}
    assert len(codes) > 490
    assert all(len(code) == 6 and set(code) <= set(REFERENCE_ALPHABET) for code in codes)
    assert not set("0O1IL5S8B2Z") & set(REFERENCE_ALPHABET)


def test_a_colliding_reference_is_drawn_again(campaign, monkeypatch):
    draws = iter(["ACDEFG", "ACDEFG", "HJKMNP"])
    monkeypatch.setattr(services, "_reference", lambda: next(draws))
    first = services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=1000)
    second = services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=2000)
    assert (first.reference, second.reference) == ("ACDEFG", "HJKMNP")
    campaign.refresh_from_db()
    assert (campaign.pledge_count, campaign.pledged_yen) == (2, 3000)  # the retry counted nothing twice


def test_after_pledging_the_page_says_where_to_send_the_money(client, campaign):
    supporter = PersonFactory()
    client.force_login(supporter)
    response = client.post(reverse("pledge_new", args=[campaign.pk]), {"amount_yen": "3000"}, follow=True)
    pledge = Pledge.objects.get(supporter=supporter)
    page = response.content.decode()
    for shown in (pledge.reference, "群馬テスト銀行", "前橋支店", "7654321", "ユケムリ タロウ", "¥3,000"):
        assert shown in page
    assert "the campaign's account" not in page and "キャンペーンの口座" not in page


def test_the_pledge_confirmation_e_mail_has_the_account_and_reference(campaign, django_capture_on_commit_callbacks):
    supporter = PersonFactory(preferred_language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pledge = services.pledge_create(campaign=campaign, supporter=supporter, amount_yen=12_000)
    sent = [m for m in mail.outbox if m.to == [supporter.email]]
    assert len(sent) == 1
    assert pledge.reference in sent[0].subject
    for shown in (pledge.reference, "¥12,000", "群馬テスト銀行", "前橋支店", "7654321", "ユケムリ タロウ",
                  f"/campaigns/{campaign.pk}/", "/en/me/pledges/"):
        assert shown in sent[0].body


def test_my_pledges_lists_references_and_where_to_pay(client, campaign, coordinator):
    supporter = PersonFactory()
    waiting = services.pledge_create(campaign=campaign, supporter=supporter, amount_yen=5_000)
    paid = services.pledge_create(campaign=campaign, supporter=supporter, amount_yen=7_000)
    services.pledge_confirm(pledge=paid, by=coordinator)
    someone_else = services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=9_000)
    url = reverse("my_pledges")
    assert client.get(url).status_code == 302  # log in first
    client.force_login(supporter)
    page = client.get(url).content.decode()
    assert waiting.reference in page and paid.reference in page and someone_else.reference not in page
    assert "7654321" in page and "ユケムリ タロウ" in page and campaign.title in page
    assert page.count("7654321") == 1  # the account is shown for the unpaid pledge only
