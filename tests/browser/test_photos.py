"""写真 (issue 20): a resident posts an issue with a photo from a phone, without JavaScript; it shows in the
post's gallery and on its card; the stored file has no location. axe-clean at 360 px."""

import tempfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from PIL import Image
from playwright.sync_api import expect

from yukemuri.attachments.models import Attachment
from yukemuri.attachments.tests.images import jpeg_bytes
from yukemuri.issues.models import Issue

from .helpers import PHONE, checked, log_in, ui


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.browser
def test_resident_posts_an_issue_with_a_photo_at_360px(page, person, media, axe_check, layout_check, screenshot):
    photo = Path(tempfile.mkdtemp()) / "hole.jpg"
    photo.write_bytes(jpeg_bytes(size=(640, 480)))  # with GPS EXIF (Maebashi) and a camera name
    tab = page(viewport=PHONE, javascript=False)
    tab.goto("/accounts/login/")
    log_in(tab, person.email)
    tab.goto("/issues/new/")
    tab.fill("#id_title", "歩道に穴があいている")
    tab.fill("#id_body", "駅前の歩道に大きな穴があります。")
    tab.select_option("#id_place", "m:102083")
    tab.set_input_files("#id_upload", str(photo))
    # No description first: refused with the field's error, and the rest of what was typed stays.
    with tab.expect_navigation():
        tab.locator("main form").get_by_role("button", name=ui("Publish")).click()
    expect(tab.locator("#id_upload_alt").locator("xpath=..")).to_contain_text(
        ui("Describe the photo for people who cannot see it."))
    expect(tab.locator("#id_title")).to_have_value("歩道に穴があいている")
    checked(tab, axe_check, layout_check, screenshot, "photos-issue-form-error")

    tab.set_input_files("#id_upload", str(photo))  # a browser never keeps a chosen file
    tab.fill("#id_upload_alt", "歩道の穴。直径30センチほど")
    with tab.expect_navigation():
        tab.locator("main form").get_by_role("button", name=ui("Publish")).click()
    issue = Issue.objects.get(title="歩道に穴があいている")
    expect(tab.locator("#photos")).to_be_visible()
    gallery_image = tab.locator("#photos img")
    expect(gallery_image).to_have_attribute("alt", "歩道の穴。直径30センチほど")
    assert gallery_image.evaluate("img => img.complete && img.naturalWidth > 0")  # served, no JavaScript needed
    gallery_image.locator("xpath=..").focus()  # the photo's link is reachable by keyboard
    expect(gallery_image.locator("xpath=..")).to_be_focused()
    checked(tab, axe_check, layout_check, screenshot, "photos-issue-gallery")

    tab.goto("/issues/")
    card_image = tab.locator(f"li.card:has(a[href$='/issues/{issue.pk}/']) img.card-photo")
    expect(card_image).to_have_attribute("loading", "lazy")
    card_image.scroll_into_view_if_needed()
    expect(card_image).to_have_attribute("alt", "歩道の穴。直径30センチほど")
    checked(tab, axe_check, layout_check, screenshot, "photos-issue-cards")

    stored = Attachment.objects.get(object_id=issue.pk)
    assert stored.latitude is None and stored.longitude is None  # the place was not shared
    with default_storage.open(stored.file.name) as handle:
        image = Image.open(handle)
        assert len(image.getexif()) == 0 and "exif" not in image.info
