"""The report: a campaign of copied comments is one item "submitted N times", its wordings one click away."""

import random

from django.urls import reverse
from django.utils import translation

from yukemuri.listening import report, services
from yukemuri.listening.models import Opinion
from yukemuri.listening.tests.test_duplicates import campaign_copy
from yukemuri.listening.tests.test_text import CHILD_CARE, VACANT_HOUSES


def test_a_campaign_is_one_item_with_its_count_in_the_report(client, coordinator):
    conversation = services.conversation_create(by=coordinator, title="駅前", question="駅前について",
                                                seeds=["駅前を再開発すべき", "緑地を残すべき"])
    rng = random.Random(7)
    texts = [campaign_copy(rng) for _ in range(30)] + VACANT_HOUSES + CHILD_CARE
    services.opinions_import(conversation=conversation, by=coordinator, rows=texts)
    data = report.refresh(conversation).analysis
    [campaign] = data["near_duplicates"]
    assert campaign["count"] == 30 and len(campaign["variants"]) == min(campaign["wordings"], report.MAX_VARIANTS)
    assert campaign["wordings"] > 1 and campaign["variants"][0]["count"] >= campaign["variants"][-1]["count"]
    [holding] = [t for t in data["topics"] if t["submitted"]]
    assert holding["submitted"][0]["count"] == 30 and holding["opinions"] == holding["size"] - 29
    assert sum(t["size"] for t in data["topics"]) == Opinion.objects.filter(conversation=conversation).count()
    with translation.override("en"):
        page = client.get(reverse("conversation_report", args=[conversation.pk])).content.decode()
    assert "submitted 30 times" in page and "<details>" in page
    assert campaign["variants"][-1]["text"].split()[0][:10] in page
