"""The residents' journeys of the foundation issue, in real Chromium, with and without JavaScript."""

import re
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from yukemuri.ideas.models import Comment, Idea, IdeaSupport
from yukemuri.people.tests.factories import PersonFactory

from .helpers import PHONE, checked, log_in, log_out, open_menu, path_is, sign_up, supporters, ui, ui_count

IDEA = "アキヤデアキナイ"
COMMENT = "応援しています！空き家の情報を持っています。"
REPLY = "ぜひ一緒にやりましょう"


@contextmanager
def htmx_settles(page):
    """Wait, after the block, until htmx has swapped and set up the new content (fails after the timeout)."""
    page.evaluate("window.__settled = false; document.body.addEventListener("
                  "'htmx:afterSettle', () => { window.__settled = true; }, {once: true})")
    yield
    page.wait_for_function("() => window.__settled === true")


def comments_heading(number):
    return ui_count("%(counter)s comment", "%(counter)s comments", number)


@pytest.mark.browser
def test_resident_answers_an_issue_with_an_idea_that_another_supports_and_discusses(page, gunma, make_issue, axe_check,
                                                                                   layout_check, screenshot):
    issue = make_issue(PersonFactory(), title="空き家が増え、活用が進まない", body="旧渋川市域で空き家が増えている。")

    # 1. A resident signs up through the real form, opens the issue and answers it with an idea.
    hanako = page()
    sign_up(hanako, email="hanako@example.jp", name="はなこ")
    expect(hanako.locator("html")).to_have_attribute("lang", "ja")
    hanako.goto(f"/issues/{issue.pk}/")
    propose = hanako.get_by_role("link", name=ui("Propose an idea for this issue"))
    expect(propose).to_have_attribute("href", f"/ideas/new/?issue={issue.pk}")
    propose.click()
    expect(hanako).to_have_url(re.compile(rf"/ideas/new/\?issue={issue.pk}$"))
    expect(hanako.locator("#id_place")).to_have_value("m:102083")  # the issue's place is offered
    expect(hanako.locator(f"input[name=issues][value='{issue.pk}']")).to_be_checked()
    hanako.fill("#id_title", IDEA)
    hanako.fill("#id_body", "空き家情報を集め、活用したい人とつなぐスタートアップをつくる。")
    hanako.select_option("#id_place", "m:102083")
    hanako.check("input[name=sdgs][value='11']")
    hanako.fill("#id_themes", "空き家、起業")
    hanako.get_by_role("button", name=ui("Publish the idea")).click()

    idea = Idea.objects.get(title=IDEA)
    expect(hanako).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    expect(hanako.locator(".messages")).to_have_text(ui("Your idea is planted. Thank you!"))
    expect(hanako.locator("h1")).to_have_text(IDEA)
    expect(hanako.locator(".post-header .meta")).to_contain_text("はなこ")
    expect(hanako.locator(".post-header a[href='/regions/102083/']")).to_be_visible()
    expect(hanako.locator(".post-header .sdg-11")).to_be_visible()
    expect(hanako.locator(".tags .badge")).to_have_text(["空き家", "起業"])
    answers = hanako.locator("section[aria-labelledby=answers]")
    expect(answers.get_by_role("link", name=issue.title)).to_have_attribute("href", f"/issues/{issue.pk}/")
    assert list(idea.issues.all()) == [issue]
    assert idea.author.email == "hanako@example.jp"
    assert [goal.number for goal in idea.sdgs.all()] == [11]

    # 2. A second resident logs in from the idea's page, supports it (htmx swaps the button in place),
    #    comments, and replies inside the comment's <details>.
    PersonFactory(email="taro@example.jp", display_name="たろう")
    taro = page(viewport=PHONE)
    taro.goto(f"/ideas/{idea.pk}/")
    taro.get_by_role("link", name=ui("Log in to support")).click()
    log_in(taro, "taro@example.jp")
    expect(taro).to_have_url(path_is(f"/ideas/{idea.pk}/"))  # back where they were
    taro.evaluate("window.sameDocument = true")
    support = taro.locator("form.support-form")
    with htmx_settles(taro):
        support.get_by_role("button", name=ui("Support"), exact=True).click()
    expect(support.get_by_role("button", name=ui("Withdraw my support"))).to_be_visible()
    expect(support.locator(".support-count")).to_have_text(supporters(1))
    # Focus stays on the swapped button, so keyboard users can carry on: withdraw, then support again.
    expect(support.get_by_role("button", name=ui("Withdraw my support"))).to_be_focused()
    with htmx_settles(taro):
        taro.keyboard.press("Enter")
    expect(support.get_by_role("button", name=ui("Support"), exact=True)).to_be_focused()
    expect(support.locator(".support-count")).to_have_text(supporters(0))
    with htmx_settles(taro):
        taro.keyboard.press("Enter")
    expect(support.get_by_role("button", name=ui("Withdraw my support"))).to_be_focused()
    expect(support.locator(".support-count")).to_have_text(supporters(1))
    assert taro.evaluate("window.sameDocument === true"), "htmx should swap the button in place, without a page load"
    assert IdeaSupport.objects.filter(target=idea, person__email="taro@example.jp").count() == 1

    taro.fill("#id_body", COMMENT)
    taro.locator("#comment-form").get_by_role("button", name=ui("Send comment")).click()
    comment = taro.locator("article.comment", has_text=COMMENT)
    expect(comment.locator("header")).to_contain_text("たろう")
    reply_box = comment.locator("details textarea")
    expect(reply_box).to_be_hidden()  # the reply form waits inside a closed <details>
    comment.locator("details > summary").click()
    reply_box.fill(REPLY)
    comment.get_by_role("button", name=ui("Send reply")).click()
    expect(taro.locator(".comments .comments article.comment")).to_contain_text(REPLY)
    parent = Comment.objects.get(body=COMMENT)
    assert Comment.objects.get(body=REPLY).parent == parent
    axe_check(taro)
    layout_check(taro)
    screenshot(taro, "journey-idea-discussed")

    # 3. The first resident comes back, finds the idea on their page, and sees the support and the talk.
    hanako = page()
    hanako.goto("/accounts/login/")
    log_in(hanako, "hanako@example.jp")
    expect(hanako).to_have_url(path_is("/me/"))
    hanako.locator("main").get_by_role("link", name=IDEA).click()
    expect(hanako).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    expect(hanako.locator(".support-count")).to_have_text(supporters(1))
    expect(hanako.locator("#comments")).to_have_text(comments_heading(2))
    first = hanako.locator("article.comment").first
    expect(first).to_contain_text(COMMENT)
    expect(first.locator("header")).to_contain_text("たろう")  # the factory gave the public-profile consent
    expect(hanako.locator(".comments .comments article.comment")).to_contain_text(REPLY)


@pytest.mark.browser
def test_core_actions_work_without_javascript(page, gunma, layout_check):
    # Sign up and post an idea with plain form posts.
    jiro = page(viewport=PHONE, javascript=False)
    sign_up(jiro, email="jiro@example.jp", name="じろう", municipality="104434")
    jiro.goto("/ideas/new/")
    jiro.fill("#id_title", "村の未来会議")
    jiro.fill("#id_body", "月に一度、誰でも参加できる会議を開く。")
    jiro.select_option("#id_place", "m:104434")
    jiro.check("input[name=sdgs][value='17']")
    jiro.fill("#id_themes", "まちづくり")
    jiro.get_by_role("button", name=ui("Publish the idea")).click()
    idea = Idea.objects.get(title="村の未来会議")
    expect(jiro).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    expect(jiro.locator("h1")).to_have_text("村の未来会議")
    expect(jiro.locator(".post-header a[href='/regions/104434/']")).to_be_visible()
    layout_check(jiro)
    log_out(jiro)

    # A second resident logs in through the form, supports, comments and replies.
    PersonFactory(email="saburo@example.jp", display_name="さぶろう")
    saburo = page(javascript=False)
    saburo.goto(f"/ideas/{idea.pk}/")
    saburo.get_by_role("link", name=ui("Log in to comment")).click()
    log_in(saburo, "saburo@example.jp")
    expect(saburo).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    with saburo.expect_navigation():  # no htmx: a plain form post and a redirect back
        saburo.locator("form.support-form").get_by_role("button", name=ui("Support"), exact=True).click()
    expect(saburo).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    expect(saburo.locator(".support-count")).to_have_text(supporters(1))
    expect(saburo.get_by_role("button", name=ui("Withdraw my support"))).to_be_visible()
    assert IdeaSupport.objects.filter(target=idea).count() == 1

    saburo.fill("#id_body", "JavaScript なしでもコメントできます")
    saburo.locator("#comment-form").get_by_role("button", name=ui("Send comment")).click()
    comment = saburo.locator("article.comment", has_text="JavaScript なしでもコメントできます")
    expect(comment.locator("header")).to_contain_text("さぶろう")
    comment.locator("details > summary").click()  # <details> opens without JavaScript
    comment.locator("details textarea").fill("返信もできます")
    comment.get_by_role("button", name=ui("Send reply")).click()
    expect(saburo.locator(".comments .comments article.comment")).to_contain_text("返信もできます")
    expect(saburo.locator("#comments")).to_have_text(comments_heading(2))

    # Following is a plain form too.
    saburo.get_by_role("button", name=ui("Follow"), exact=True).click()
    expect(saburo.get_by_role("button", name=ui("Stop following"))).to_be_visible()


@pytest.mark.browser
def test_sign_up_errors_are_shown_on_the_fields(page, gunma, axe_check, layout_check, screenshot):
    visitor = page(viewport=PHONE)
    visitor.goto("/accounts/signup/")
    visitor.fill("#id_email", "not-an-email")
    visitor.fill("#id_display_name", "しろう")
    visitor.locator("main form").get_by_role("button", name=ui("Create my account")).click()
    expect(visitor.locator("main form [role=alert]")).to_have_text(ui("Please correct the marked fields."))
    email = visitor.locator("#id_email")
    expect(email).to_have_value("not-an-email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", re.compile(r"\bid_email_error\b"))
    expect(visitor.locator("#id_email_error")).to_be_visible()
    expect(visitor.locator("#id_display_name")).to_have_value("しろう")
    expect(visitor.locator("#id_consent_terms_error")).to_have_text(ui("You need to agree to the terms to sign up."))
    axe_check(visitor)
    layout_check(visitor)
    screenshot(visitor, "signup-errors")


@pytest.mark.browser
def test_english_switch(page, gunma, make_idea, axe_check):
    make_idea(PersonFactory(), title="17色のひもかわプロジェクト")
    visitor = page(viewport=PHONE)
    visitor.goto("/")
    html = visitor.locator("html")
    expect(html).to_have_attribute("lang", "ja")
    switch = visitor.get_by_role("navigation", name=ui("Language"))
    expect(switch.get_by_role("link", name="English")).to_be_hidden()  # folded: seven languages on a phone
    switch.locator("summary").click()
    switch.get_by_role("link", name="English").click()

    expect(visitor).to_have_url(path_is("/en/"))
    expect(html).to_have_attribute("lang", "en")
    open_menu(visitor)  # on a phone the navigation is folded into the header's menu
    nav = visitor.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Issues", exact=True)).to_have_attribute("href", "/en/issues/")
    nav.get_by_role("link", name="Ideas", exact=True).click()
    expect(visitor).to_have_url(path_is("/en/ideas/"))
    expect(html).to_have_attribute("lang", "en")
    expect(visitor.locator("h1")).to_have_text("Ideas — seeds of the future")
    expect(visitor.locator(".card h3")).to_have_text(["17色のひもかわプロジェクト"])  # people's words stay as written
    axe_check(visitor)

    switch = visitor.get_by_role("navigation", name="Language")
    switch.locator("summary").click()
    switch.get_by_role("link", name="日本語").click()
    expect(visitor).to_have_url(path_is("/ideas/"))
    expect(html).to_have_attribute("lang", "ja")
    open_menu(visitor)
    expect(visitor.get_by_role("navigation", name=ui("Main")).get_by_role("link", name=ui("Ideas"), exact=True)
           ).to_have_attribute("href", "/ideas/")


@pytest.mark.browser
@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code not in ("ja", "en")])
def test_a_resident_reads_the_site_in_their_language_on_a_phone(page, gunma, make_idea, axe_check, layout_check,
                                                               screenshot, code):
    make_idea(PersonFactory(), title="17色のひもかわプロジェクト")
    visitor = page(viewport=PHONE)
    # Without readings: やさしい日本語 shows furigana by default, which splits names and headings into their rubies
    # (test_every_page checks its pages with them; test_furigana the readings themselves).
    visitor.goto("/?furigana=0")  # the choice is kept in a cookie
    visitor.goto("/")
    switch = visitor.get_by_role("navigation", name=ui("Language"))
    switch.locator("summary").click()
    switch.get_by_role("link", name=dict(settings.LANGUAGES)[code]).click()
    expect(visitor).to_have_url(path_is(f"/{code}/"))
    expect(visitor.locator("html")).to_have_attribute("lang", settings.HTML_LANG.get(code, code))
    open_menu(visitor)
    nav = visitor.get_by_role("navigation", name=ui("Main", lang=code))
    nav.get_by_role("link", name=ui("Ideas", lang=code), exact=True).click()
    expect(visitor).to_have_url(path_is(f"/{code}/ideas/"))
    expect(visitor.locator("h1")).to_have_text(ui("Ideas — seeds of the future", lang=code))
    expect(visitor.locator(".card h3")).to_have_text(["17色のひもかわプロジェクト"])
    checked(visitor, axe_check, layout_check, screenshot, f"ideas-{code}")
    # The longest labels are the sign-up form's: they must still fit a 360 px screen.
    visitor.goto(f"/{code}/accounts/signup/")
    expect(visitor.locator("#id_preferred_language")).to_have_value(code)
    checked(visitor, axe_check, layout_check, screenshot, f"signup-{code}")



@pytest.mark.browser
def test_search_and_filter_ideas(page, gunma, make_idea, axe_check, layout_check):
    author = PersonFactory()
    make_idea(author, title="空き家活用スタートアップ", body="空いた家を活かして店を開く。", code="102083")
    make_idea(author, title="尾瀬の郷倶楽部", body="村づくりの仲間を集める。", code="104434")
    make_idea(author, title="片品の古民家カフェ", body="古い家でカフェを開く。", code="104434")
    visitor = page(viewport=PHONE)
    visitor.goto("/ideas/")
    titles = visitor.locator(".cards .card h3")
    count = visitor.locator(".result-count")
    expect(titles).to_have_count(3)
    filters = visitor.get_by_role("search")
    filters.locator("summary").click()

    visitor.fill("#id_q", "空き家")  # a substring of the title
    filters.get_by_role("button", name=ui("Show")).click()
    expect(titles).to_have_text(["空き家活用スタートアップ"])
    expect(count).to_have_text(ui_count("%(counter)s idea", "%(counter)s ideas", 1))
    assert parse_qs(urlsplit(visitor.url).query)["q"] == ["空き家"]

    visitor.fill("#id_q", "")
    visitor.select_option("#id_municipality", "104434")  # 片品村
    filters.get_by_role("button", name=ui("Show")).click()
    expect(titles).to_have_text(["片品の古民家カフェ", "尾瀬の郷倶楽部"])
    expect(count).to_have_text(ui_count("%(counter)s idea", "%(counter)s ideas", 2))

    visitor.fill("#id_q", "古民家")
    filters.get_by_role("button", name=ui("Show")).click()
    expect(titles).to_have_text(["片品の古民家カフェ"])
    expect(visitor.locator("#id_municipality")).to_have_value("104434")
    axe_check(visitor)
    layout_check(visitor)
