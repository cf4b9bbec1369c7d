"""A campaign of copied comments shows as one item with its count, its wordings one click away; bursts of
posting are listed for moderators. axe-clean at 360 px."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yukemuri.listening import report, services
from yukemuri.listening.models import Statement
from yukemuri.listening.tests.test_duplicates import campaign_copy
from yukemuri.listening.tests.test_text import CHILD_CARE, VACANT_HOUSES

from .helpers import PHONE, log_in, ui_count


@pytest.mark.browser
def test_campaign_and_bursts_at_360px(page, coordinator, axe_check, layout_check, screenshot):
    conversation = services.conversation_create(by=coordinator, title="駅前の再開発", question="駅前について",
                                                seeds=["駅前を再開発すべき", "緑地を残すべき"])
    rng = random.Random(7)
    services.opinions_import(conversation=conversation, by=coordinator,
                             rows=[campaign_copy(rng) for _ in range(30)] + VACANT_HOUSES + CHILD_CARE)
    now = timezone.now()
    for i in range(6):
        participant = services.participant_for(conversation, key=None, address="203.0.113.5")
        statement = services.statement_add(participant=participant, text=f"駅前の駐輪場をもっと増やして{i}")
        Statement.objects.filter(pk=statement.pk).update(created_at=now - timedelta(minutes=10 - i))
    report.refresh(conversation)

    tab = page(viewport=PHONE)
    tab.goto(f"/listening/{conversation.pk}/report/")
    expect(tab.get_by_text(ui_count("submitted %(counter)s time", "submitted %(counter)s times", 30)).first).to_be_visible()
    details = tab.locator("ul.submitted details").first
    details.locator("summary").click()
    expect(details.locator("li").first).to_be_visible()
    axe_check(tab)
    layout_check(tab)
    screenshot(tab, "listening-report-near-duplicates")

    tab.goto("/accounts/login/")
    log_in(tab, coordinator.email)
    tab.goto(f"/listening/{conversation.pk}/moderate/")
    expect(tab.locator("#bursts-title")).to_be_visible()
    tab.locator("section[aria-labelledby=bursts-title] summary").first.click()
    axe_check(tab)
    layout_check(tab)
    screenshot(tab, "listening-moderation-bursts")
