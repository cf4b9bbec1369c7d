"""The resident's journey of the foundation issue, in real Chromium, with and without JavaScript."""

import re

from playwright.sync_api import expect

from yukemuri.ideas.models import Idea
from yukemuri.people.tests.factories import PASSWORD, PersonFactory

from .conftest import PHONE, axe_check, no_sideways_scroll, screenshot


def sign_up(page, email, name):
    page.goto(page.base + "/accounts/signup/")
    page.fill("#id_email", email)
    page.fill("#id_display_name", name)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("input[name=relation][value=resident]")
    page.select_option("#id_home_municipality", "102083")
    page.check("#id_consent_terms")
    page.check("#id_consent_public_profile")
    page.get_by_role("button", name="アカウントを作成する").click()
    expect(page.locator(".messages")).to_contain_text(name)


def log_in(page, email):
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(re.compile(r"/me/$"))


def test_resident_proposes_an_idea_another_supports_and_comments(new_page, gunma, make_issue):
    issue = make_issue(PersonFactory(), title="空き家が増え、活用が進まない", body="旧渋川市域で空き家が増えている。")

    # A resident signs up and answers the issue with an idea.
    page = new_page()
    sign_up(page, "hanako@example.jp", "はなこ")
    page.goto(page.base + f"/issues/{issue.pk}/")
    page.get_by_role("link", name="この課題に応えるアイデアを出す").click()
    expect(page.locator("#id_place")).to_have_value("m:102083")  # the issue's place is offered
    expect(page.locator(f"input[name=issues][value='{issue.pk}']")).to_be_checked()
    page.fill("#id_title", "アキヤデアキナイ")
    page.fill("#id_body", "空き家情報を集め、活用したい人とつなぐスタートアップをつくる。")
    page.check("input[name=sdgs][value='11']")
    page.fill("#id_themes", "空き家、起業")
    axe_check(page)
    page.get_by_role("button", name="アイデアを公開する").click()
    expect(page.locator("h1")).to_have_text("アキヤデアキナイ")
    expect(page.get_by_role("link", name="空き家が増え、活用が進まない")).to_be_visible()
    idea = Idea.objects.get(title="アキヤデアキナイ")
    assert list(idea.issues.all()) == [issue]

    # A second resident supports it (htmx swaps the button) and comments, then replies to it.
    PersonFactory(email="taro@example.jp", display_name="たろう")
    other = new_page(viewport=PHONE)
    log_in(other, "taro@example.jp")
    other.goto(other.base + f"/ideas/{idea.pk}/")
    other.get_by_role("button", name="応援する").click()
    expect(other.get_by_role("button", name="応援を取り消す")).to_be_visible()
    expect(other.locator(".support-count")).to_have_text("1人が応援")
    assert other.url.endswith(f"/ideas/{idea.pk}/")  # no page load: htmx swapped the form
    other.fill("#id_body", "応援しています！空き家の情報を持っています。")
    other.get_by_role("button", name="コメントを送る").click()
    expect(other.locator(".comment").first).to_contain_text("応援しています！")
    other.locator(".comment details summary").first.click()
    other.locator(".comment details textarea").first.fill("ぜひ一緒にやりましょう")
    other.get_by_role("button", name="返信を送る").first.click()
    expect(other.locator(".comments .comments .comment")).to_contain_text("ぜひ一緒にやりましょう")
    axe_check(other)
    no_sideways_scroll(other)
    screenshot(other, "idea-detail-with-comments")

    # The first resident comes back and sees both.
    first = new_page()
    log_in(first, "hanako@example.jp")
    first.goto(first.base + f"/ideas/{idea.pk}/")
    expect(first.locator(".support-count")).to_have_text("1人が応援")
    expect(first.locator("#comments")).to_have_text("コメント2件")
    expect(first.locator(".comment").first).to_contain_text("たろう")
    expect(first.locator(".comment").first).to_contain_text("応援しています！")


def test_core_actions_work_without_javascript(new_page, gunma, make_idea):
    idea = make_idea(PersonFactory(), title="尾瀬の郷倶楽部")
    page = new_page(javascript=False)
    sign_up(page, "jiro@example.jp", "じろう")
    page.goto(page.base + f"/ideas/{idea.pk}/")
    page.get_by_role("button", name="応援する").click()  # a plain form post and a redirect back
    expect(page.locator(".support-count")).to_have_text("1人が応援")
    expect(page.get_by_role("button", name="応援を取り消す")).to_be_visible()
    page.fill("#id_body", "JavaScript なしでもコメントできます")
    page.get_by_role("button", name="コメントを送る").click()
    expect(page.locator(".comment")).to_contain_text("JavaScript なしでもコメントできます")
    page.locator(".comment details summary").click()  # <details> opens without JavaScript
    page.locator(".comment details textarea").fill("返信もできます")
    page.get_by_role("button", name="返信を送る").click()
    expect(page.locator(".comments .comments .comment")).to_contain_text("返信もできます")
    page.goto(page.base + "/ideas/new/")
    page.fill("#id_title", "村の未来会議")
    page.fill("#id_body", "月に一度、誰でも参加できる会議を開く。")
    page.select_option("#id_place", "m:104434")
    page.get_by_role("button", name="アイデアを公開する").click()
    expect(page.locator("h1")).to_have_text("村の未来会議")
    page.get_by_role("button", name="フォローをやめる").click()
    expect(page.get_by_role("button", name="フォローする")).to_be_visible()


def test_form_errors_are_shown_on_the_fields_in_japanese(new_page, gunma):
    page = new_page(viewport=PHONE)
    page.goto(page.base + "/accounts/signup/")
    page.fill("#id_email", "not-an-email")
    page.get_by_role("button", name="アカウントを作成する").click()
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email_error")).to_contain_text("メールアドレス")
    expect(page.locator("#id_consent_terms_error")).to_contain_text("同意")
    axe_check(page)
    no_sideways_scroll(page)
    screenshot(page, "signup-errors")


def test_english_switch(new_page, gunma, make_idea):
    make_idea(PersonFactory(), title="17色のひもかわプロジェクト")
    page = new_page()
    page.goto(page.base + "/ideas/")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.locator(".lang-switch").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/ideas/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Ideas")).to_be_visible()
    expect(nav.get_by_role("link", name="Issues")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Ideas — seeds of the future")
    expect(page.locator(".card h3")).to_have_text("17色のひもかわプロジェクト")  # people's words stay as written
    axe_check(page)
    page.locator(".lang-switch").get_by_role("link", name="日本語").click()
    expect(page).to_have_url(re.compile(r"/ideas/$"))
    assert page.locator("html").get_attribute("lang") == "ja"


def test_search_and_filter_ideas(new_page, gunma, make_idea):
    author = PersonFactory()
    make_idea(author, title="空き家活用スタートアップ", body="空き家を活かす", code="102083")
    make_idea(author, title="尾瀬の郷倶楽部", body="村づくり", code="104434")
    page = new_page(viewport=PHONE)
    page.goto(page.base + "/ideas/")
    page.get_by_text("検索・絞り込み").click()
    page.fill("#id_q", "空き家")
    page.get_by_role("button", name="表示").click()
    expect(page.locator(".card h3")).to_have_text(["空き家活用スタートアップ"])
    page.fill("#id_q", "")
    page.select_option("#id_municipality", "104434")
    page.get_by_role("button", name="表示").click()
    expect(page.locator(".card h3")).to_have_text(["尾瀬の郷倶楽部"])
    expect(page.locator(".result-count")).to_have_text("アイデア1件")
    axe_check(page)
    no_sideways_scroll(page)
