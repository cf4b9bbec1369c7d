"""The points pages, as their people use them: a staff member gives points, the shop asks, the person confirms."""

import pytest
from django.urls import reverse

from yukemuri.points.models import Account, Redemption, Transaction


@pytest.fixture
def resident_wallet(client, person):
    client.force_login(person)
    assert client.post(reverse("points_wallet_open")).status_code == 302
    return Account.objects.get(person=person)


def test_the_wallet_opens_only_on_a_post(client, person):
    client.force_login(person)
    page = client.get(reverse("points_wallet"))
    assert page.status_code == 200 and not Account.objects.exists()  # GET never writes
    assert reverse("points_wallet_open") in page.content.decode()
    client.post(reverse("points_wallet_open"))
    client.post(reverse("points_wallet_open"))
    wallet = Account.objects.get(person=person)
    page = client.get(reverse("points_wallet")).content.decode()
    assert wallet.code in page and "<svg" in page


def test_a_whole_redemption_through_the_pages(client, person, resident_wallet, staff, issuer, merchant, clerk):
    client.force_login(staff)
    form = client.get(reverse("points_issuer", args=[issuer.pk])).context["form"]
    data = {"key": form.initial["key"], "wallet_code": resident_wallet.code, "amount": "120", "reason": "草刈り"}
    assert client.post(reverse("points_issue", args=[issuer.pk]), data).status_code == 302
    assert client.post(reverse("points_issue", args=[issuer.pk]), data).status_code == 302  # resent: once only
    assert Account.objects.get(pk=resident_wallet.pk).balance == 120 and Transaction.objects.count() == 1

    client.force_login(clerk)
    counter = client.get(reverse("points_merchant", args=[merchant.pk]))
    assert counter.status_code == 200 and merchant.code in counter.content.decode()
    answer = client.post(reverse("points_ask", args=[merchant.pk]),
                         {"wallet_code": resident_wallet.code, "amount": "50", "note": "こんにゃく"})
    assert answer.status_code == 302
    asked = Redemption.objects.get()
    assert client.post(reverse("points_answer", args=[asked.pk]), {"answer": "confirm"}).status_code == 403

    client.force_login(person)
    wallet_page = client.get(reverse("points_wallet")).content.decode()
    assert asked.code in wallet_page and "こんにゃく" in wallet_page
    client.post(reverse("points_answer", args=[asked.pk]), {"answer": "confirm"})
    assert Account.objects.get(pk=resident_wallet.pk).balance == 70
    statement = client.get(reverse("points_statement"))
    text = b"".join(statement.streaming_content).decode()
    assert statement["Content-Type"].startswith("text/csv") and "-50" in text and "120" in text and "草刈り" in text

    client.force_login(clerk)
    report = client.get(reverse("points_merchant", args=[merchant.pk]), {"month": "1999-13"})  # bad month: ignored
    assert report.status_code == 200 and report.context["report"][0]["net"] == 50

    client.force_login(staff)
    dashboard = client.get(reverse("points_issuer", args=[issuer.pk]))
    assert dashboard.context["report"][0]["issued"] == 120 and dashboard.context["report"][0]["redeemed"] == 50
    assert "<table" in dashboard.content.decode() and "<svg" in dashboard.content.decode()


def test_the_person_offers_at_the_shops_code(client, person, give, merchant, clerk):
    give(person, 30)
    client.force_login(person)
    assert client.get(reverse("points_pay", args=[merchant.code])).status_code == 200
    too_much = client.post(reverse("points_pay", args=[merchant.code]), {"amount": "31"})
    assert too_much.status_code == 400 and not Redemption.objects.exists()
    assert client.post(reverse("points_pay", args=[merchant.code]), {"amount": "abc"}).status_code == 400
    client.post(reverse("points_pay", args=[merchant.code]), {"amount": "30"})
    client.force_login(clerk)
    client.post(reverse("points_answer", args=[Redemption.objects.get().pk]), {"answer": "confirm"})
    assert Account.objects.get(pk=merchant.pk).balance == 30


def test_pages_refuse_who_may_not(client, person, other_person, issuer, merchant, resident_wallet):
    client.force_login(other_person)
    assert client.get(reverse("points_issuer", args=[issuer.pk])).status_code == 403
    assert client.get(reverse("points_merchant", args=[merchant.pk])).status_code == 403
    assert client.get(reverse("points_charge", args=[resident_wallet.code])).status_code == 403  # not a shop
    assert client.post(reverse("points_issue", args=[issuer.pk]), {}).status_code == 403
    assert client.get(reverse("points_pay", args=["NOSUCH"])).status_code == 404
    assert client.get(reverse("points_statement")).status_code == 404  # no wallet, no statement
    client.logout()
    assert client.get(reverse("points_wallet")).status_code == 302


def test_staff_reverse_from_the_dashboard(client, person, give, staff, issuer):
    tx = give(person, 40)
    client.force_login(staff)
    assert client.post(reverse("points_reverse", args=[tx.pk]), {"reason": ""}).status_code == 302
    assert not Transaction.objects.filter(kind="reverse").exists()
    client.post(reverse("points_reverse", args=[tx.pk]), {"reason": "誤って付与"})
    assert Transaction.objects.get(kind="reverse").reverses == tx
    assert Account.objects.get(person=person).balance == 0


def test_bad_input_to_the_give_form_is_a_400(client, staff, issuer, resident_wallet):
    client.force_login(staff)
    for data in ({"key": "x" * 20, "wallet_code": "NOPE", "amount": "5", "reason": "r"},
                 {"key": "x" * 20, "wallet_code": resident_wallet.code, "amount": "1.5", "reason": "r"},
                 {"key": "x" * 20, "wallet_code": resident_wallet.code, "amount": "-3", "reason": "r"}):
        assert client.post(reverse("points_issue", args=[issuer.pk]), data).status_code == 400
    assert not Transaction.objects.exists()
