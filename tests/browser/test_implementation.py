"""From idea to implementation (issue 4) in real Chromium: an idea born at a workshop session gathers a
team (a key person applies and is accepted), writes its plan with a municipal partner, funds its pilot
with an all-or-nothing campaign whose transfers staff confirm, starts the pilot and runs; it then shows
as running on /accountability/ and counts in the KPI at /kpi/. A second campaign misses its goal and
every pledge is refunded.

The one shortcut: a campaign's deadline is moved into the past with the ORM (nobody can wait a day);
the page then shows it closed and being settled, and the sweep the task queue and cron run
(`settle_campaigns`) settles it, as in production (a page view never settles)."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.funding.models import Campaign, Pledge
from yukemuri.ideas.models import Idea, Stage
from yukemuri.ideas.services import idea_create
from yukemuri.kpi.indicators import fiscal_year
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.teams.models import Application, RoleKind, TeamMember

from .helpers import PHONE, checked, log_in, logged_in, path_is, ui, ui_count

IDEA = "湯けむり朝市"
PARTNER = "渋川市役所 商工観光課"
FIRST = "朝市の屋台をつくる"
SECOND = "2年目の運営費"


def accessible_name(msgid, **params):
    """The accessible name of a control whose text has visually hidden parts (which the browser may
    set off with a space): ui() without the markup, as a pattern."""
    parts = [part.strip() for part in re.split(r"<[^>]+>", ui(msgid, **params)) if part.strip()]
    return re.compile(r"\s*".join(map(re.escape, parts)))


def received(raised, goal):
    return ui("¥%(raised)s of ¥%(goal)s received", raised=f"{raised:,}", goal=f"{goal:,}")


def move(p, idea, to):
    """The lead moves the idea one stage on through the steering form."""
    p.goto(f"/ideas/{idea.pk}/")
    p.get_by_role("link", name=ui("Move to the next stage, pause or close")).click()
    expect(p).to_have_url(path_is(f"/ideas/{idea.pk}/steer/"))
    expect(p.locator("#id_to")).to_have_value(to)  # the next stage is offered
    p.locator(f"form[action='/ideas/{idea.pk}/move/']").get_by_role("button", name=ui("Move")).click()
    expect(p).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    expect(p.locator(".messages")).to_contain_text(ui("The idea moved."))
    expect(p.locator("ol.stages li[aria-current=step]")).to_have_text(str(Stage(to).label))


def open_campaign(p, idea, *, title, purpose, goal, for_pilot):
    p.goto(f"/ideas/{idea.pk}/")
    p.get_by_role("link", name=ui("Start a funding campaign")).click()
    expect(p).to_have_url(path_is(f"/ideas/{idea.pk}/campaigns/new/"))
    p.fill("#id_title", title)
    p.fill("#id_purpose", purpose)
    p.fill("#id_goal_yen", str(goal))
    p.fill("#id_deadline", (timezone.localdate() + timedelta(days=1)).isoformat())
    p.check("input[name=mode][value=all_or_nothing]")
    if for_pilot:
        p.check("#id_for_pilot")
    p.select_option("#id_provider_name", "offline")
    p.fill("#id_bank_name", "群馬テスト銀行")
    p.fill("#id_bank_branch", "渋川支店")
    p.select_option("#id_account_type", "ordinary")
    p.fill("#id_account_number", "1234567")
    p.fill("#id_account_holder", "アサイチ ジッコウイインカイ")
    p.get_by_role("button", name=ui("Open the campaign")).click()
    campaign = Campaign.objects.get(title=title)
    expect(p).to_have_url(path_is(f"/campaigns/{campaign.pk}/"))
    expect(p.locator(".messages")).to_contain_text(ui("The campaign is open."))
    return campaign


def pledge(p, campaign, amount):
    """Pledge through the form; returns the pledge's reference, shown with the transfer instructions."""
    p.goto(f"/campaigns/{campaign.pk}/")
    p.fill("#id_amount_yen", str(amount))
    p.locator("aside").get_by_role("button", name=ui("Pledge"), exact=True).click()
    expect(p.locator(".messages")).to_contain_text(ui("Thank you for your pledge! See below how to pay."))
    reference = Pledge.objects.filter(campaign=campaign, amount_yen=amount).latest("pk").reference
    expect(p.locator("aside")).to_contain_text(reference)
    expect(p.locator("aside")).to_contain_text("1234567")  # where to send the money
    return reference


def confirm_transfer(p, reference):
    row = p.locator("section[aria-labelledby=payments] tbody tr", has_text=reference)
    row.get_by_role("button", name=re.compile(re.escape(reference))).click()  # the hidden reference names it
    expect(p.locator(".messages")).to_contain_text(ui("The payment is confirmed."))


def deadline_passes(campaign):
    """The one shortcut: it is now after the campaign's last day; then the sweep settles it."""
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    call_command("settle_campaigns", stdout=io.StringIO())


@pytest.mark.browser
def test_an_idea_goes_from_seed_to_running_and_a_second_campaign_is_refunded(page, gunma, axe_check, layout_check,
                                                                               screenshot):
    session = make_event(organiser(), title="未来共創ワークショップ 第3回 アイデア出し", code="102083")
    lead = PersonFactory(display_name="はなこ")
    key_person = PersonFactory(display_name="たろう")
    supporter = PersonFactory(display_name="さくら")
    staff = PersonFactory(display_name="市の担当者")
    role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    OrganisationFactory(kind="municipality", name=PARTNER)
    idea = idea_create(author=lead, title=IDEA, body="温泉街の駐車場で月に一度、朝市を開く。",
                       place={"municipality": Municipality.objects.get(code="102083")}, origin_event=session)

    # 1. The proposer leads the idea; it is a seed and the page says what a team still needs.
    hanako = logged_in(page, lead)
    hanako.goto(f"/ideas/{idea.pk}/")
    way = hanako.locator("section.way")
    expect(way.locator("h2")).to_have_text(ui("Where this idea stands"))
    expect(way.locator("ol.stages li[aria-current=step]")).to_have_text(ui("Seed"))
    expect(way.locator(".lacks")).to_contain_text(ui("The team needs a key person (キーマン)."))
    # Moving on too early is refused with the same words.
    hanako.goto(f"/ideas/{idea.pk}/steer/")
    hanako.locator(f"form[action='/ideas/{idea.pk}/move/']").get_by_role("button", name=ui("Move")).click()
    expect(hanako.locator("form[action$='/move/']")).to_contain_text(ui("A team needs at least two members."))
    assert Idea.objects.get(pk=idea.pk).stage == Stage.SEED

    # 2. The lead asks for a key person on the team page.
    hanako.goto(f"/ideas/{idea.pk}/")
    hanako.get_by_role("link", name=ui("Team and roles wanted")).click()
    expect(hanako).to_have_url(path_is(f"/ideas/{idea.pk}/team/"))
    hanako.select_option("#id_kind", RoleKind.KEY_PERSON)
    hanako.fill("#id_skill_names", "まちづくり、出店者集め")
    hanako.fill("#id_count", "1")
    hanako.fill("#id_description", "出店者と地元の調整役。")
    hanako.get_by_role("button", name=ui("Open the role")).click()
    expect(hanako.locator(".messages")).to_contain_text(ui("The role is open: people can now offer to take it."))
    expect(hanako.locator("li.role")).to_contain_text(ui("Key person"))

    # 3. A resident on a phone finds the role, logs in from it and offers to take it.
    taro = page(viewport=PHONE)
    taro.goto(f"/ideas/{idea.pk}/")
    taro.get_by_role("link", name=ui("Log in to offer your help")).click()
    log_in(taro, key_person.email)
    expect(taro).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    role = taro.locator("section.way li.role")
    expect(role).to_contain_text(ui("Key person"))
    expect(role.locator(".badge")).to_have_text(["まちづくり", "出店者集め"])
    role.locator("summary", has_text=ui("Offer to take this role")).click()
    role.locator("textarea").fill("観光協会で出店者の取りまとめをしています。")
    checked(taro, axe_check, layout_check, screenshot, "implementation-apply")
    role.get_by_role("button", name=ui("Apply")).click()
    expect(taro.locator(".messages")).to_contain_text(
        ui("Thank you! The team will answer you; you will find the answer on your page."))

    # 4. The lead accepts the application on the team page.
    hanako.reload()
    application = Application.objects.get(person=key_person)
    waiting = hanako.locator("li.role li", has_text="観光協会で出店者の取りまとめをしています。")
    checked(hanako, axe_check, layout_check, screenshot, "implementation-team")
    waiting.get_by_role("button", name=accessible_name('Accept<span class="visually-hidden"> %(name)s</span>',
                                                       name="たろう")).click()
    expect(hanako.locator(".messages")).to_contain_text(ui("Accepted: welcome to the team."))
    expect(hanako.locator("ul.team")).to_contain_text("たろう")
    expect(hanako.locator("ul.team")).to_contain_text(ui("Key person"))
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert TeamMember.objects.filter(idea=idea, person=key_person, role=RoleKind.KEY_PERSON).exists()
    move(hanako, idea, Stage.TEAM)

    # 5. The plan: goal, first step, resources, the municipal partner and the pilot's start (today).
    hanako.get_by_role("link", name=ui("Plan, pilot and adoptions")).click()
    expect(hanako).to_have_url(path_is(f"/ideas/{idea.pk}/plan/"))
    hanako.fill("#id_goal", "温泉街に朝の人出をつくり、空き店舗の出店者を見つける。")
    hanako.fill("#id_first_step", "6月に試験的な朝市を1回開く。")
    hanako.fill("#id_resources", "駐車場、屋台3台、出店者10組、運営ボランティア。")
    hanako.get_by_label(ui("Municipal partner")).select_option(label=PARTNER)
    hanako.fill("#id_pilot_starts_on", timezone.localdate().isoformat())
    hanako.get_by_role("button", name=ui("Save the plan")).click()
    expect(hanako).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    expect(hanako.locator(".messages")).to_contain_text(ui("The plan is saved."))
    move(hanako, idea, Stage.PLAN)

    # 6. Funding: an all-or-nothing campaign for the pilot; the idea moves to the funding stage.
    first = open_campaign(hanako, idea, title=FIRST, goal=300_000,
                          purpose="屋台3台と看板を地元の工務店に頼みます。目標に届かなければ全額お返しします。", for_pilot=True)
    expect(hanako.locator(".big-number")).to_have_text(received(0, 300_000))
    move(hanako, idea, Stage.FUNDING)
    expect(hanako.locator("ul.campaigns")).to_contain_text(FIRST)
    # No budget line: the pilot waits for the campaign to succeed.
    expect(hanako.locator(".lacks")).to_contain_text(ui("A pilot needs a successful campaign or a budget line."))

    # 7. Two people pledge and are told how to transfer the money.
    sakura = logged_in(page, supporter)
    first_refs = [pledge(sakura, first, 200_000), pledge(taro, first, 100_000)]
    expect(sakura.locator("aside")).to_contain_text(ui("Pledged"))
    checked(sakura, axe_check, layout_check, screenshot, "implementation-pledged")

    # 8. Staff confirm both transfers as they arrive (on a phone).
    clerk = logged_in(page, staff, viewport=PHONE)
    clerk.goto(f"/campaigns/{first.pk}/")
    expect(clerk.locator("#payments")).to_have_text(ui("Payments (staff)"))
    checked(clerk, axe_check, layout_check, screenshot, "implementation-campaign-staff")
    for reference in first_refs:
        confirm_transfer(clerk, reference)
    expect(clerk.locator(".big-number")).to_have_text(received(300_000, 300_000))

    # 9. The last day passes and the sweep settles the campaign: the goal was reached.
    deadline_passes(first)
    clerk.reload()
    expect(clerk.locator("p.notice.ok")).to_have_text(ui("The goal was reached. Thank you to everyone who pledged!"))
    expect(clerk.locator(".byline .badge")).to_have_text(ui("Succeeded"))
    expect(clerk.locator("section[aria-labelledby=payments] tbody td:nth-child(4)")).to_have_text(
        [ui("Collected")] * 2)
    expect(clerk.locator("aside")).to_contain_text(ui("This campaign no longer takes pledges."))
    screenshot(clerk, "implementation-campaign-succeeded")
    assert Campaign.objects.get(pk=first.pk).status == Campaign.Status.SUCCEEDED

    # 10. The pilot starts today, paid by the campaign; then the idea runs (実装).
    move(hanako, idea, Stage.PILOT)
    move(hanako, idea, Stage.RUNNING)
    done = hanako.locator("ol.stages li.done")
    expect(done).to_have_count(5)
    expect(hanako.locator(".post-header .badge.stage-running")).to_have_text(ui("Running"))
    expect(hanako.locator("ol.timeline li")).to_have_count(1 + 5)  # proposed, then five moves forward
    checked(hanako, axe_check, layout_check, screenshot, "implementation-running")

    # 11. Anyone sees it running on the accountability page and counted in the plan's KPI.
    visitor = page(viewport=PHONE)
    visitor.goto("/accountability/")
    row = visitor.locator("table.accountability tbody tr", has=visitor.get_by_role("link", name=IDEA))
    expect(row.locator(".badge.stage-running")).to_have_text(ui("Running"))
    checked(visitor, axe_check, layout_check, screenshot, "implementation-accountability")
    visitor.goto("/kpi/")
    year = visitor.locator("table tbody tr", has=visitor.locator("th", has_text=f"FY{fiscal_year(timezone.localdate())}"))
    expect(year.locator("td").nth(0)).to_have_text("1")  # new this fiscal year
    expect(year.locator("td").nth(1)).to_have_text("1")  # cumulative
    expect(visitor.locator(".big-number")).to_have_text(
        ui_count("%(counter)s initiative so far", "%(counter)s initiatives so far", 1))
    checked(visitor, axe_check, layout_check, screenshot, "implementation-kpi")

    # 12. A second campaign misses its goal: every pledge, paid or not, is refunded and the totals go back to 0.
    second = open_campaign(hanako, idea, title=SECOND, goal=500_000,
                           purpose="2年目の会場費と広報費。目標に届かなければ全額お返しします。", for_pilot=False)
    second_refs = [pledge(sakura, second, 100_000), pledge(taro, second, 50_000)]
    clerk.goto(f"/campaigns/{second.pk}/")
    confirm_transfer(clerk, second_refs[0])  # only one transfer arrives
    expect(clerk.locator(".big-number")).to_have_text(received(100_000, 500_000))
    deadline_passes(second)
    clerk.reload()
    expect(clerk.locator("p.notice")).to_have_text(
        ui("The goal was not reached by the deadline: every pledge was refunded."))
    expect(clerk.locator(".byline .badge")).to_have_text(ui("Did not reach its goal"))
    states = clerk.locator("section[aria-labelledby=payments] tbody tr")
    expect(states).to_have_count(2)
    expect(states.locator("td:nth-child(4)")).to_have_text([ui("Refunded")] * 2)
    expect(states.get_by_role("button")).to_have_count(0)  # nothing left to confirm
    expect(clerk.locator(".big-number")).to_have_text(received(0, 500_000))
    expect(clerk.locator("dl.facts dd").first).to_have_text(
        "¥0 (" + ui_count("%(counter)s pledge", "%(counter)s pledges", 0) + ")")
    checked(clerk, axe_check, layout_check, screenshot, "implementation-campaign-failed")
    sakura.goto(f"/campaigns/{second.pk}/")
    expect(sakura.locator("aside")).to_contain_text(ui("Refunded"))
    assert set(Pledge.objects.filter(campaign=second).values_list("status", flat=True)) == {Pledge.Status.REFUNDED}
    failed = Campaign.objects.get(pk=second.pk)
    assert (failed.status, failed.pledged_yen, failed.confirmed_yen, failed.pledge_count) == ("failed", 0, 0, 0)

    # The idea keeps running: its first campaign still counts, and the page lists both.
    hanako.goto(f"/ideas/{idea.pk}/")
    expect(hanako.locator("ul.campaigns > li")).to_have_count(2)
    expect(hanako.locator("ol.stages li[aria-current=step]")).to_have_text(ui("Running"))
