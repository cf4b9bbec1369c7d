"""Issue 20's community journey on a 360 px phone, in real Chromium: a person joins the 官民共創コミュニティ
北群馬渋川 with the page's own form, agreeing to be named; its organiser links an idea and posts an announcement
from the organisers' page; the member finds it among their notifications and on the community's page, and writes in
the members-only thread, which a non-member cannot open. axe-clean and no sideways scrolling at every step, with
screenshots (test-artifacts/screenshots/community-*.png)."""

import pytest
from playwright.sync_api import expect

from yukemuri.communities import services
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Area

from .helpers import PHONE, logged_in, path_is, ui


@pytest.mark.browser
def test_an_organiser_announces_and_a_member_reads_it(page, axe_check, layout_check, screenshot, make_idea):
    def checked(p, name):
        axe_check(p)
        layout_check(p)
        screenshot(p, name)

    organiser = PersonFactory(display_name="渋川の世話人", email_verified=True)
    community = services.community_create(
        by=organiser, name="官民共創コミュニティ 北群馬渋川", slug="kitagunma-shibukawa",
        description="2022年の未来共創ワークショップから生まれたコミュニティです。\n\n- 月に一度集まります",
        area=Area.objects.get(name="北群馬渋川"))
    idea = make_idea(organiser, title="子供のやりたい応援隊！")
    member = PersonFactory(display_name="ゆい")
    address = f"/communities/{community.pk}/"

    # 1. Anyone reads the community's page; a signed-in person joins with its form, agreeing to be named.
    anyone = page(viewport=PHONE)
    anyone.goto(address)
    expect(anyone.get_by_role("heading", level=1)).to_have_text("官民共創コミュニティ 北群馬渋川")
    checked(anyone, "community-public")
    as_member = logged_in(page, member, viewport=PHONE)
    as_member.goto(address)
    as_member.get_by_label(ui("Show my name on the community's page")).check()
    with as_member.expect_navigation():
        as_member.get_by_role("button", name=ui("Join the community")).click()
    expect(as_member).to_have_url(path_is(address))
    expect(as_member.get_by_role("heading", name=ui("You are a member"))).to_be_visible()
    expect(as_member.locator("aside").get_by_role("link", name="ゆい")).to_be_visible()
    checked(as_member, "community-member")

    # 2. The organiser links the idea and announces, on the organisers' page.
    as_organiser = logged_in(page, organiser, viewport=PHONE)
    as_organiser.goto(f"{address}manage/")
    as_organiser.get_by_label(ui("Address of the post")).fill(f"/ideas/{idea.pk}/")
    with as_organiser.expect_navigation():
        as_organiser.get_by_role("button", name=ui("Link"), exact=True).click()
    as_organiser.get_by_label(ui("Title")).fill("12月の集まりは NETSUGEN で")
    as_organiser.get_by_label(ui("Message")).fill("12月14日（土）14時から。**オンライン**でも参加できます。")
    with as_organiser.expect_navigation():
        as_organiser.get_by_role("button", name=ui("Send the announcement")).click()
    expect(as_organiser.get_by_text(ui("The announcement is sent to the members."))).to_be_visible()
    checked(as_organiser, "community-manage")

    # 3. The member finds it among their notifications, and follows it to the community's page.
    as_member.goto("/me/notifications/")
    notice = as_member.get_by_role("link", name="12月の集まりは NETSUGEN で", exact=False).first
    expect(notice).to_be_visible()
    checked(as_member, "community-notification")
    with as_member.expect_navigation():
        notice.click()
    expect(as_member.get_by_role("heading", name="12月の集まりは NETSUGEN で")).to_be_visible()
    expect(as_member.locator("strong", has_text="オンライン")).to_be_visible()
    expect(as_member.get_by_role("link", name="子供のやりたい応援隊！").first).to_be_visible()
    checked(as_member, "community-announcement")

    # 4. The member writes in the thread; someone outside the community cannot open it.
    as_member.get_by_role("link", name=ui("Members' thread")).click()
    as_member.get_by_role("textbox", name=ui("Message")).fill("参加します！")
    with as_member.expect_navigation():
        as_member.get_by_role("button", name=ui("Post")).click()
    expect(as_member.locator("article.comment", has_text="参加します！")).to_be_visible()
    checked(as_member, "community-thread")
    outsider = logged_in(page, PersonFactory(), viewport=PHONE)
    response = outsider.goto(f"{address}thread/")
    assert response.status == 404
    expect(outsider.get_by_text("参加します！")).to_have_count(0)

