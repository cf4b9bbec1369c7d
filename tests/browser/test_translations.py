"""Translations of what people write (翻訳), in real Chromium at 360 px: a volunteer translates a Japanese idea into
Vietnamese from the idea's page, a Vietnamese resident reads it in /vi/ with the "translated by" line, follows the
link to the original (no JavaScript needed) and reads the Japanese text; the volunteers' queue at /translate/.
axe-clean, no sideways scrolling, screenshots."""

import re

import pytest
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from yukemuri.ideas.services import idea_create
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality

from .helpers import PASSWORD, PHONE, path_is, ui

TITLE_JA, BODY_JA = "空き家で子ども食堂", "渋川市の空き家を使って、週に一度の子ども食堂を開きます。"
TITLE_VI, BODY_VI = "Bếp ăn cho trẻ em trong nhà trống", "Mở bếp ăn cho trẻ em mỗi tuần một lần trong nhà trống ở Shibukawa."


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_vietnamese_resident_reads_an_idea_translated_by_a_volunteer(page, gunma, axe_check, layout_check,
                                                                        screenshot, javascript):
    author = PersonFactory(display_name="提案者")
    volunteer = PersonFactory(display_name="Nguyễn Thị Lan")
    idea = idea_create(author=author, title=TITLE_JA, body=BODY_JA,
                       place={"municipality": Municipality.objects.get(code="102083")})

    # The volunteer finds the idea in the queue of what waits for Vietnamese, and translates it.
    translator = page(viewport=PHONE, javascript=javascript)
    translator.goto("/vi/translate/")
    translate_link = translator.get_by_role("link", name=re.compile(rf"^{ui('Translate', 'vi')}\s*: {TITLE_JA}$"))
    expect(translate_link).to_be_visible()
    if javascript:
        axe_check(translator)
        layout_check(translator)
        screenshot(translator, "translation-queue")
    translate_link.click()
    translator.fill("#id_username", volunteer.email)  # the form asks to sign in first, then comes back
    translator.fill("#id_password", PASSWORD)
    translator.get_by_role("button", name=ui("Log in", "vi")).click()
    expect(translator).to_have_url(path_is(f"/vi/translate/idea/{idea.pk}/vi/"))
    expect(translator.locator("main [lang=ja]").get_by_text(BODY_JA)).to_be_visible()  # the original beside the form
    if javascript:
        axe_check(translator)
        layout_check(translator)
        screenshot(translator, "translation-form")
    translator.fill("#id_title", TITLE_VI)
    translator.fill("#id_body", BODY_VI)
    translator.get_by_role("button", name=ui("Save the translation", "vi")).click()
    expect(translator).to_have_url(path_is(f"/vi/ideas/{idea.pk}/"))

    # A Vietnamese resident, not signed in, reads the idea in Vietnamese.
    reader = page(viewport=PHONE, javascript=javascript)
    reader.goto("/vi/ideas/")
    reader.get_by_role("link", name=TITLE_VI).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE_VI)
    expect(reader.get_by_text(BODY_VI)).to_be_visible()
    expect(reader.get_by_text(ui("Translated by %(name)s", "vi", name="Nguyễn Thị Lan"))).to_be_visible()
    assert reader.get_by_text(BODY_JA).count() == 0
    if javascript:
        axe_check(reader)
        layout_check(reader)
        screenshot(reader, "translation-read-vi")

    # The original, one click away.
    reader.get_by_role("link", name=ui("Read the original (%(language)s)", "vi",
                                                language=get_language_info("ja")["name_local"])).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE_JA)
    expect(reader.get_by_text(BODY_JA)).to_be_visible()
    assert reader.locator("main h1").get_attribute("lang") == "ja"  # read aloud in Japanese
    if javascript:
        axe_check(reader)
        layout_check(reader)
        screenshot(reader, "translation-original")
    reader.get_by_role("link", name=ui("Read the translation (%(language)s)", "vi",
                                                language=get_language_info("vi")["name_local"])).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE_VI)
