"""Uploading with the post's forms and on its page, serving to those who may see, hiding, the cards."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from yukemuri.attachments import services
from yukemuri.attachments.models import Attachment
from yukemuri.attachments.processing import prepare
from yukemuri.attachments.selectors import place_of
from yukemuri.core.testing import get_counted
from yukemuri.issues.models import Issue
from yukemuri.moderation.services import post_hide

from .images import fake_jpeg_upload, jpeg_upload, pdf_upload

NEW_ISSUE = {"title": "歩道の穴", "body": "駅前の歩道に穴があります。", "place": "m:102083"}


def _issue_form(upload=None, **extra):
    data = dict(NEW_ISSUE, **extra)
    if upload is not None:
        data["upload"] = upload
    return data


def _photo(post, author, share_place=False, alt="穴の写真"):
    return services.attach(post=post, by=author,
                           prepared=prepare(jpeg_upload(), alt=alt, share_place=share_place))


@pytest.fixture
def issue(make_issue, person):
    return make_issue(person)


def test_a_resident_posts_an_issue_with_a_photo_and_its_place_is_not_kept(client, person, gunma):
    client.force_login(person)
    response = client.post(reverse("issue_new"), _issue_form(jpeg_upload(), upload_alt="歩道の穴の写真"))
    assert response.status_code == 302
    issue = Issue.objects.get(title="歩道の穴")
    photo = Attachment.objects.get(object_id=issue.pk)
    assert photo.alt == "歩道の穴の写真" and photo.author == person and not photo.has_place
    stored = Image.open(default_storage.open(photo.file.name))
    assert len(stored.getexif()) == 0 and "exif" not in stored.info
    assert photo.file.name.startswith("attachments/") and "photo" not in photo.file.name  # a random name
    page = client.get(issue.get_absolute_url()).content.decode()
    assert reverse("attachment_thumbnail", args=[photo.pk]) in page and 'alt="歩道の穴の写真"' in page


def test_ticking_share_the_place_keeps_it_for_the_map(client, person, gunma):
    client.force_login(person)
    client.post(reverse("issue_new"), _issue_form(jpeg_upload(), upload_alt="写真", upload_place="on"))
    issue = Issue.objects.get(title="歩道の穴")
    assert place_of("issue", issue.pk) == pytest.approx((36.390667, 139.061))
    stored = Attachment.objects.get(object_id=issue.pk)
    assert len(Image.open(default_storage.open(stored.file.name)).getexif()) == 0  # not in the file, though


@pytest.mark.parametrize(("upload", "field", "code"), [
    (fake_jpeg_upload, "upload", "not_a_photo"),
    (lambda: jpeg_upload(), "upload_alt", "alt_required"),
])
def test_a_refused_upload_keeps_what_was_typed(client, person, gunma, upload, field, code):
    client.force_login(person)
    response = client.post(reverse("issue_new"),
                           _issue_form(upload(), upload_alt="" if code == "alt_required" else "説明"))
    assert response.status_code == 400
    assert not Issue.objects.exists() and not Attachment.objects.exists()
    form = response.context["form"]
    assert field in form.errors and form.errors.as_data()[field][0].code == code
    page = response.content.decode()
    assert "歩道の穴" in page and "駅前の歩道に穴があります。" in page  # the rest stays


def test_the_alt_text_error_is_in_the_persons_language(client, person, gunma):
    client.force_login(person)
    response = client.post(reverse("issue_new"), _issue_form(jpeg_upload(), upload_alt=""))
    with translation.override("ja"):
        expected = gettext("Describe the photo for people who cannot see it.")
    assert expected in response.content.decode()


def test_too_large_and_pixel_bombs_are_refused_without_a_500(client, person, gunma, settings):
    client.force_login(person)
    out = io.BytesIO()
    Image.new("1", (30000, 30000)).save(out, "PNG")
    bomb = SimpleUploadedFile("bomb.jpg", out.getvalue(), content_type="image/jpeg")
    response = client.post(reverse("issue_new"), _issue_form(bomb, upload_alt="爆弾"))
    assert response.status_code == 400 and "upload" in response.context["form"].errors
    settings.YUKEMURI = {**settings.YUKEMURI, "ATTACHMENT_MAX_BYTES": 1000}
    response = client.post(reverse("issue_new"), _issue_form(jpeg_upload(size=(400, 400)), upload_alt="大きい"))
    assert response.status_code == 400 and "upload" in response.context["form"].errors
    assert not Issue.objects.exists()


def test_hidden_photo_is_not_served_to_others(client, issue, person, other_person, moderator):
    photo = _photo(issue, person)
    url = reverse("attachment_file", args=[photo.pk])
    assert client.get(url).status_code == 200  # anyone, while shown
    services.hide(attachment=photo, moderator=moderator, reason="顔が写っている")
    for who in (None, other_person):
        client.logout()
        if who:
            client.force_login(who)
        assert client.get(url).status_code == 404
        assert client.get(reverse("attachment_thumbnail", args=[photo.pk])).status_code == 404
        assert reverse("attachment_thumbnail", args=[photo.pk]) not in client.get(issue.get_absolute_url()).content.decode()
    client.force_login(person)  # its author still sees it, with the reason
    assert client.get(url).status_code == 200
    assert "顔が写っている" in client.get(issue.get_absolute_url()).content.decode()
    services.restore(attachment=photo, moderator=moderator)
    client.logout()
    assert client.get(url).status_code == 200


def test_a_hidden_posts_photos_go_with_it(client, issue, person, moderator):
    photo = _photo(issue, person)
    post_hide(target=issue, moderator=moderator, reason="スパム")
    assert client.get(reverse("attachment_file", args=[photo.pk])).status_code == 404
    client.force_login(moderator)
    assert client.get(reverse("attachment_file", args=[photo.pk])).status_code == 200


def test_served_files_are_safe_to_open(client, issue, person):
    photo = _photo(issue, person)
    pdf = services.attach(post=issue, by=person, prepared=prepare(pdf_upload(), alt="計画書"))
    response = client.get(reverse("attachment_file", args=[photo.pk]))
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    response = client.get(reverse("attachment_file", args=[pdf.pk]))
    assert response["Content-Type"] == "application/pdf" and response["Content-Disposition"].startswith("attachment")


def test_the_author_adds_and_removes_on_the_posts_page(client, issue, person, other_person,
                                                       django_capture_on_commit_callbacks):
    add = reverse("attachment_add", args=["issue", issue.pk])
    client.force_login(other_person)
    assert client.get(add).status_code == 403
    client.force_login(person)
    response = client.post(add, {"upload": jpeg_upload(), "upload_alt": ""})
    assert response.status_code == 400 and "upload_alt" in response.context["form"].errors
    response = client.post(add, {"upload": jpeg_upload(), "upload_alt": "側溝"})
    assert response.status_code == 302
    photo = Attachment.objects.get()
    name = photo.file.name
    client.force_login(other_person)
    assert client.post(reverse("attachment_remove", args=[photo.pk])).status_code == 403
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("attachment_remove", args=[photo.pk])).status_code == 302
    assert not Attachment.objects.exists() and not default_storage.exists(name)  # the files go too


def test_unknown_kinds_and_ids_are_404(client, person):
    client.force_login(person)
    assert client.get(reverse("attachment_add", args=["nothing", 1])).status_code == 404
    assert client.get(reverse("attachment_file", args=[999])).status_code == 404


def test_moderator_hides_one_photo_with_a_reason(client, issue, person, moderator, other_person):
    photo = _photo(issue, person)
    hide = reverse("attachment_hide", args=[photo.pk])
    client.force_login(other_person)
    assert client.post(hide, {"reason": "x"}).status_code == 403
    client.force_login(moderator)
    assert client.post(hide, {"reason": ""}).status_code == 400
    assert client.post(hide, {"reason": "個人が特定できる"}).status_code == 302
    photo.refresh_from_db()
    assert photo.visibility == "hidden" and photo.moderation_reason == "個人が特定できる"


def test_cards_show_the_first_photo_in_one_query_for_the_list(client, make_issue, person):
    def queries():
        response, captured = get_counted(client, "/en/issues/")
        return response, len(captured)

    first = make_issue(person, title="一つ目")
    _photo(first, person, alt="一つ目の写真")
    queries()  # the first visit of the test also reads what stays cached (the site's settings, regions)
    make_issue(person, title="写真のない課題")
    _response, one = queries()
    for n in range(3):
        _photo(make_issue(person, title=f"他 {n}"), person, alt=f"他の写真 {n}")
    response, four = queries()
    page = response.content.decode()
    assert page.count('class="card-photo"') == 4 and "写真のない課題" in page and 'alt="一つ目の写真"' in page
    assert 'loading="lazy"' in page and 'width="120" height="80"' in page
    assert four == one  # no query per card


def test_the_page_cache_forgets_a_list_when_photos_change(client, make_issue, person, moderator):
    issue = make_issue(person)
    assert 'class="card-photo"' not in client.get("/en/issues/").content.decode()
    assert client.get("/en/issues/")["X-Page-Cache"] == "hit"
    photo = _photo(issue, person)
    assert 'class="card-photo"' in client.get("/en/issues/").content.decode()
    services.hide(attachment=photo, moderator=moderator, reason="不適切")
    assert 'class="card-photo"' not in client.get("/en/issues/").content.decode()


def test_ideas_and_help_requests_carry_photos_too(client, make_idea, person):
    idea = make_idea(person)
    photo = _photo(idea, person, alt="案の写真")
    page = client.get(idea.get_absolute_url()).content.decode()
    assert reverse("attachment_thumbnail", args=[photo.pk]) in page
    assert 'alt="案の写真"' in client.get("/en/ideas/").content.decode()


def test_a_post_carries_at_most_the_limit(issue, person, settings):
    from django.core.exceptions import ValidationError

    settings.YUKEMURI = {**settings.YUKEMURI, "ATTACHMENT_MAX_PER_POST": 1}
    _photo(issue, person)
    with pytest.raises(ValidationError):
        _photo(issue, person)
