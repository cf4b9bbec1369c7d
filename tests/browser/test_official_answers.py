"""Issue 20's journey on a 360 px phone, in real Chromium: a resident starts writing an issue and is shown the
similar one already there (htmx, as they type), supports it instead; the municipality's staff answer that issue
officially; the resident reads the answer on the issue page and finds the notice. axe-clean and no sideways
scrolling at every step, with screenshots."""

import pytest
from playwright.sync_api import expect

from yukemuri.core.similar import similar_to
from yukemuri.issues.services import issue_create
from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import membership_add
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality

from .helpers import PHONE, checked, logged_in, ui

EXISTING = "駅前の空き家が増えて景観が悪い"


@pytest.mark.browser
def test_a_resident_sees_a_similar_issue_supports_it_and_hears_the_official_answer(page, axe_check, layout_check,
                                                                                     screenshot):
    shibukawa = Municipality.objects.get(code="102083")
    issue = issue_create(author=PersonFactory(display_name="最初の投稿者"), title=EXISTING,
                         body="旧市街の空き家が放置され、景観と防犯が心配です。", place={"municipality": shibukawa})
    city = Organisation.objects.create(name="渋川市役所", kind=Organisation.Kind.MUNICIPALITY, municipality=shibukawa,
                                       verified=True)
    officer = PersonFactory(display_name="市の職員")
    membership_add(organisation=city, person=officer)
    resident = PersonFactory(display_name="住民のはなこ")
    similar_to("空き家", "")  # loads the Sudachi dictionary (seconds) before the first keystroke waits on it

    # 1. The resident starts writing; the similar issue shows up while they type (no button pressed).
    writer = logged_in(page, resident, viewport=PHONE)
    writer.goto("/issues/new/")
    writer.fill("#id_title", "空き家が目立つ")
    writer.fill("#id_body", "駅前の空き家が増えています。")
    suggestions = writer.locator("#similar-posts")
    expect(suggestions.get_by_role("link", name=EXISTING, exact=False)).to_be_visible()
    expect(writer.locator("#id_title")).to_have_value("空き家が目立つ")  # what was typed stays
    checked(writer, axe_check, layout_check, screenshot, "answers-1-similar-while-typing")

    # 2. They support it instead of posting it again.
    with writer.expect_navigation():
        suggestions.get_by_role("button", name=ui("Support this instead"), exact=False).click()
    expect(writer).to_have_url(f"{writer.url.split('/issues/')[0]}/issues/{issue.pk}/")
    assert issue.supports.filter(person=resident).exists()

    # 3. The city's officer answers the issue on their phone.
    staff = logged_in(page, officer, viewport=PHONE)
    staff.goto(f"/issues/{issue.pk}/")
    form = staff.locator("#official-answer form")
    form.get_by_label(ui("In progress")).check()
    form.get_by_label(ui("Answer")).fill("来月から所有者への聞き取りを始めます。")
    checked(staff, axe_check, layout_check, screenshot, "answers-2-staff-answer-form")
    with staff.expect_navigation():
        form.get_by_role("button", name=ui("Publish the answer")).click()
    expect(staff.locator("#official-answer")).to_contain_text("来月から所有者への聞き取りを始めます。")

    # 4. The resident reads the answer and finds the notice.
    writer.goto(f"/issues/{issue.pk}/")
    answer = writer.locator("#official-answer")
    expect(answer).to_contain_text(ui("In progress"))
    expect(answer).to_contain_text("渋川市役所")
    checked(writer, axe_check, layout_check, screenshot, "answers-3-resident-reads-the-answer")
    writer.goto("/me/notifications/")
    expect(writer.locator("main")).to_contain_text(EXISTING)
    checked(writer, axe_check, layout_check, screenshot, "answers-4-notice")
    writer.goto("/issues/answers/")
    expect(writer.locator("table")).to_contain_text("渋川市")
    checked(writer, axe_check, layout_check, screenshot, "answers-5-report")


@pytest.mark.browser
def test_without_javascript_the_check_step_shows_similar_posts_and_keeps_the_text(page, axe_check, layout_check,
                                                                                   screenshot):
    shibukawa = Municipality.objects.get(code="102083")
    issue_create(author=PersonFactory(), title=EXISTING, body="空き家の話。", place={"municipality": shibukawa})
    writer = page(viewport=PHONE, javascript=False)
    from .helpers import log_in

    person = PersonFactory()
    writer.goto("/accounts/login/")
    log_in(writer, person.email)
    writer.goto("/issues/new/")
    writer.fill("#id_title", "空き家が目立つ")
    writer.fill("#id_body", "駅前の空き家について。")
    with writer.expect_navigation():
        writer.get_by_role("button", name=ui("Check for similar posts")).click()
    expect(writer.locator("#similar-posts").get_by_role("link", name=EXISTING, exact=False)).to_be_visible()
    expect(writer.locator("#id_title")).to_have_value("空き家が目立つ")
    expect(writer.locator("#id_body")).to_have_value("駅前の空き家について。")
    checked(writer, axe_check, layout_check, screenshot, "answers-6-no-js-check")
