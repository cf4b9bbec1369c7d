"""The published table of comments and answers (パブリックコメントの結果, issue 18) in Chromium at 360 px: staff
import 300 comments from a CSV made here, draft the table from the topics, edit two summaries, answer them
and publish; everyone reads it (an accessible table, a print view). A participant without an account votes
and sees where they stand. axe-clean, no sideways scrolling, screenshots."""

import random

import pytest
from playwright.sync_api import expect

from yukemuri.listening import report, services
from yukemuri.listening.models import ResultTable
from yukemuri.listening.tests.test_conversations import camps
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

from .helpers import PHONE, checked, log_in, ui

SEEDS = ["空き家は地域の資源だ", "空き家の活用は行政が主導すべき", "若い世代の移住を増やしたい", "古い町並みを残したい",
         "空き家バンクをもっと使いやすく", "空き家の固定資産税を上げるべき", "リノベーションの補助を増やすべき",
         "まずは所有者の意向を聞くべき"]
SUBJECTS = ["駅前の駐輪場", "図書館の開館時間", "公園の遊具", "バスの本数", "空き家の活用", "子育て支援の窓口"]
WISHES = ["を増やしてほしい", "を見直してください", "について改善を求めます", "をもっと便利にしてほしい", "が不十分だと思います"]
REASONS = ["毎日使うので", "子どもがいるので", "高齢の親のために", "仕事帰りに困っているので", "観光客も多いので", ""]
SLOW = 240_000  # ms
CAMPAIGN = "私は計画案に反対します。住民説明会を開いてから決めるべきです。"


def comments_csv(n=300) -> bytes:
    """300 public comments: six subjects in varied wordings, and a campaign of 40 copies."""
    rng = random.Random(18)
    rows = [CAMPAIGN.replace("私は", f"{town}に住む私は") for town in ["北町", "南町", "東町", "西町"] * 10]
    while len(rows) < n:
        rows.append(f"{rng.choice(REASONS)}{rng.choice(SUBJECTS)}{rng.choice(WISHES)}。{len(rows)}")
    rng.shuffle(rows)
    lines = ["番号,意見"] + [f'{i},"{text}"' for i, text in enumerate(rows, start=1)]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.browser
def test_staff_publish_the_table_and_a_participant_sees_where_they_stand(page, axe_check, layout_check, screenshot):
    staff = PersonFactory(display_name="市の職員")
    role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    conversation = services.conversation_create(by=staff, title="計画案への意見", question="計画案について御意見を",
                                                seeds=SEEDS, collect_opinions=True)
    camps(conversation)  # ten participants in two camps, before the comments (each vote reruns the analysis)
    desk = page(viewport=PHONE)
    desk.set_default_timeout(SLOW)
    desk.goto("/accounts/login/")
    log_in(desk, staff.email)

    # 1. Import 300 comments from a CSV file.
    desk.goto(f"/listening/{conversation.pk}/import/")
    desk.get_by_label(ui("CSV or Excel file of public comments")).set_input_files(
        files=[{"name": "comments.csv", "mimeType": "text/csv", "buffer": comments_csv()}])
    # The import and the draft run the topics engine on 300 comments: slow on a busy test machine.
    desk.get_by_role("button", name=ui("Import")).click(no_wait_after=True)
    expect(desk.locator(".messages")).to_contain_text(ui("%(count)s comments imported.", count=300), timeout=SLOW)
    report.refresh(conversation)

    # 2. Draft the table from the topics.
    desk.goto(f"/listening/{conversation.pk}/report/")
    desk.get_by_role("link", name=ui("Edit the table of comments and answers")).click()
    checked(desk, axe_check, layout_check, screenshot, "result-table-start")
    desk.get_by_role("button", name=ui("Draft the table from the topics")).click(no_wait_after=True)
    items = desk.locator("ol.table-items > li")
    expect(items.first).to_be_visible(timeout=SLOW)
    table = ResultTable.objects.get(conversation=conversation)
    assert table.items.count() >= 3 and conversation.opinions.filter(item__isnull=True).count() == 0

    # 3. Edit two summaries and answer them.
    for n, (summary, answer) in enumerate([("駐輪場の増設を求める御意見", "来年度、駅前に200台分を整備します。"),
                                           ("図書館の夜間開館を求める御意見", "試行として金曜日の夜に開館します。")]):
        item = items.nth(n)
        item.get_by_label(ui("Summary of the comments (御意見の概要)")).fill(summary)
        item.get_by_label(ui("Our answer (御意見に対する考え方)")).fill(answer)
        item.get_by_role("button", name=ui("Save item %(number)s", number=n + 1)).click(no_wait_after=True)
        expect(desk.locator(".messages")).to_contain_text(ui("Item %(number)s is saved.", number=n + 1), timeout=SLOW)
    checked(desk, axe_check, layout_check, screenshot, "result-table-edit")

    # 4. Publish; everyone reads it, as a table and printed.
    desk.get_by_role("button", name=ui("Publish the table")).click(no_wait_after=True)
    expect(desk.locator(".messages")).to_contain_text(ui("The table is published."), timeout=SLOW)
    reader = page(viewport=PHONE, javascript=False)
    reader.set_default_timeout(SLOW)
    reader.goto(f"/listening/{conversation.pk}/table/")
    rows = reader.locator("table.result-table tbody tr")
    expect(rows.first.locator("td.summary")).to_have_text("駐輪場の増設を求める御意見")
    expect(rows.nth(1).locator("td.answer")).to_have_text("試行として金曜日の夜に開館します。")
    expect(reader.locator("table.result-table caption")).to_be_visible()
    assert sum(int("".join(ch for ch in text if ch.isdigit()))
               for text in rows.locator("td.count").all_inner_texts()) == 300
    checked(reader, axe_check, layout_check, screenshot, "result-table")
    reader.goto(f"/listening/{conversation.pk}/table/print/")
    reader.emulate_media(media="print")
    expect(reader.locator(".site-header")).to_be_hidden()
    screenshot(reader, "result-table-print")
    reader.emulate_media(media="screen")
    checked(reader, axe_check, layout_check, screenshot, "result-table-print-screen")
    reader.context.close()

    # 5. A participant without an account votes on every statement and sees where they stand.
    phone = page(viewport=PHONE, javascript=False)
    phone.set_default_timeout(SLOW)  # every vote runs the analysis (topics of 300 comments) in the test's tasks
    phone.goto(f"/listening/{conversation.pk}/")
    for _ in SEEDS:
        text = phone.locator("#current-statement").inner_text()
        agree = SEEDS.index(text) < 4 or text == SEEDS[-1]
        phone.get_by_role("button", name=ui("Agree") if agree else ui("Disagree"), exact=True).click()
    report.refresh(conversation)
    phone.get_by_role("link", name=ui("Where do I stand?")).click()
    expect(phone.locator(".opinion-map svg text")).to_have_text(ui("You"))
    expect(phone.locator("#like-you-title + ul")).to_contain_text(SEEDS[0])
    checked(phone, axe_check, layout_check, screenshot, "listening-where-i-stand")
