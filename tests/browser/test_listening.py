"""Broad listening in Chromium: an organiser opens a conversation on an issue; ten participants without
accounts vote on a phone (one statement at a time, no JavaScript needed); the report shows the groups,
the consensus and the map."""

from playwright.sync_api import expect

from yukemuri.issues.services import issue_create
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality

from .helpers import PHONE, checked, logged_in, ui

SEEDS = ["空き家は地域の資源だ", "空き家の活用は行政が主導すべき", "古い町並みを残したい",
         "空き家の固定資産税を上げるべき", "リノベーションの補助を増やすべき", "まずは所有者の意向を聞くべき"]


def test_ten_participants_on_phones_make_a_map(page, axe_check, layout_check, screenshot):
    organiser = PersonFactory(display_name="県の職員")
    role_assign(person=organiser, role=Role.MUNICIPAL_STAFF)
    issue = issue_create(author=organiser, title="空き家が増え、活用が進まない", body="旧市街で空き家が増えています。",
                         place={"municipality": Municipality.objects.get(code="102083")})

    desk = logged_in(page, organiser)
    desk.goto(f"/issues/{issue.pk}/")
    desk.get_by_role("link", name=ui("Open a conversation on this issue")).click()
    desk.get_by_label(ui("Title")).fill("空き家をどうする？")
    desk.get_by_label(ui("Question")).fill("旧市街の空き家について、どう思いますか？")
    desk.get_by_label(ui("Statements to start with")).fill("\n".join(SEEDS))
    desk.get_by_label(ui("Votes needed to be on the map")).fill("5")
    desk.get_by_role("button", name=ui("Open the conversation")).click()
    opened = ui("The conversation is open. Share its address so that many can take part.")
    expect(desk.locator(".messages")).to_contain_text(opened)
    address = desk.url

    for n in range(10):
        phone = page(viewport=PHONE, javascript=n % 2 == 0)  # half of them without JavaScript
        phone.goto(address)
        for _ in SEEDS:
            text = phone.locator("#current-statement").inner_text()
            agree = (SEEDS.index(text) < 3) == (n % 2 == 0) or text == SEEDS[-1]
            phone.get_by_role("button", name=ui("Agree") if agree else ui("Disagree"), exact=True).click()
        finished = ui("You have answered every statement. Thank you! Add your own, or see the results.")
        expect(phone.locator(".notice")).to_contain_text(finished)
        if n == 0:
            checked(phone, axe_check, layout_check, screenshot, "listening-done")
        phone.context.close()

    report = page(viewport=PHONE)
    report.goto(address)
    report.get_by_role("link", name=ui("See the results so far")).click()
    expect(report).to_have_url(address + "report/")
    # Each camp voted exactly alike: two dots of five people (the table says how many stand on each).
    expect(report.locator(".opinion-map circle")).to_have_count(2)
    expect(report.locator("#map-title ~ details tbody td:last-child")).to_have_text(["5", "5"])
    expect(report.locator(".group-card")).to_have_count(2)
    expect(report.locator("#consensus-title + ul")).to_contain_text(SEEDS[-1])
    checked(report, axe_check, layout_check, screenshot, "listening-report")
