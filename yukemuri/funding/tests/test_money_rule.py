"""One money rule (core.money): the pledge form, the service and an API schema built with yen_range refuse the
same amounts, the form and the service with the same words."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from pydantic import ValidationError as SchemaError

from yukemuri.core.money import MAX_PLEDGE_YEN, MAX_YEN, YenField, check_yen, out_of_range_message, yen_range
from yukemuri.funding import services
from yukemuri.funding.forms import CampaignForm, PledgeForm
from yukemuri.funding.models import Pledge
from yukemuri.funding.tests.factories import PAYMENT
from yukemuri.people.tests.factories import PersonFactory

TOO_MUCH = MAX_PLEDGE_YEN + 1


class PledgeIn(Schema):  # what an API endpoint taking pledges would declare
    amount_yen: int = Field(..., **yen_range(MAX_PLEDGE_YEN))


@pytest.fixture
def campaign(person, make_idea):
    return services.campaign_create(idea=make_idea(person), by=person, title="空き家改修費", purpose="材料費",
                                    goal_yen=100_000, deadline=timezone.now() + timedelta(days=14), **PAYMENT)


def test_the_two_limits_are_named_once_and_ordered():
    assert (MAX_PLEDGE_YEN, MAX_YEN) == (10**9, 10**13)
    assert out_of_range_message(MAX_PLEDGE_YEN) != out_of_range_message(MAX_YEN)
    with pytest.raises(KeyError):
        YenField(most=12345)  # only a named limit


@pytest.mark.parametrize("amount", [0, TOO_MUCH])
def test_form_service_and_schema_refuse_the_same_pledge_with_the_same_words(db, campaign, amount):
    supporter = PersonFactory()
    form = PledgeForm({"amount_yen": str(amount)}, user=supporter)
    assert not form.is_valid()
    with pytest.raises(ValidationError) as refused:
        services.pledge_create(campaign=campaign, supporter=supporter, amount_yen=amount)
    with pytest.raises(SchemaError):
        PledgeIn(amount_yen=amount)
    words = out_of_range_message(MAX_PLEDGE_YEN)
    assert form.errors["amount_yen"] == [words] == refused.value.message_dict["amount_yen"]
    assert PledgeIn(amount_yen=MAX_PLEDGE_YEN).amount_yen == MAX_PLEDGE_YEN
    assert Pledge.objects.count() == 0


def test_the_goal_follows_the_same_rule(db):
    form = CampaignForm({"goal_yen": str(TOO_MUCH)})
    form.is_valid()
    with pytest.raises(ValidationError) as refused:
        check_yen(TOO_MUCH, field="goal_yen", most=MAX_PLEDGE_YEN)
    assert form.errors["goal_yen"] == refused.value.message_dict["goal_yen"] == [out_of_range_message(MAX_PLEDGE_YEN)]
    assert "goal_yen" not in CampaignForm({"goal_yen": "１，０００，０００円"}).errors  # as people type it


def test_the_pledge_page_says_it_in_japanese_and_keeps_what_was_typed(client, campaign):
    client.force_login(PersonFactory())
    response = client.post(reverse("pledge_new", args=[campaign.pk]), {"amount_yen": str(TOO_MUCH)})
    page = response.content.decode()
    assert response.status_code == 400 and "1円から10億円まで" in page and str(TOO_MUCH) in page
    assert Pledge.objects.count() == 0
