"""The operator's facility pages: edit, new, the photo upload (checked by content and size) and its view."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.attachments.tests.images import jpeg_bytes, png_upload
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.forms import MAX_PHOTO_BYTES
from yukemuri.space.models import Facility


def _webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 90, 30)).save(out, "WEBP")
    return out.getvalue()


PNG = png_upload().read()
JPEG = jpeg_bytes()  # with the place it was taken (EXIF GPS), a camera maker and a software tag
WEBP = _webp()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _data(**changes):
    data = {
        "name": "会議室B",
        "kind": "room",
        "capacity": "6",
        "accessibility": "段差なし",
        "equipment": "モニター",
        "description": "窓のある部屋",
        "bookable": "on",
        "free_cancellation_hours": "48",
        "max_booking_minutes": "180",
        "sort_order": "2",
        "photo_alt": "白い机と椅子が六つ",
    }
    data.update(changes)
    return data


def test_operator_edits_a_facility_with_a_photo(client, operator, room):
    client.force_login(operator)
    response = client.post(
        f"/space/{room.pk}/edit/", {**_data(), "photo": SimpleUploadedFile("x.gif", PNG, content_type="image/gif")}
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.name, room.capacity, room.free_cancellation_hours, room.max_booking_minutes) == ("会議室B", 6, 48, 180)
    assert room.photo.name.endswith(".jpg")  # re-encoded, whatever the name or the type the browser claimed
    change = Action.objects.get(verb=verbs.SPACE_FACILITY_CHANGED, actor=operator)
    assert "name" in change.data
    photo = client.get(f"/space/{room.pk}/photo/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    served = Image.open(io.BytesIO(b"".join(photo.streaming_content)))
    assert (served.format, served.size) == ("JPEG", (64, 64))
    for page in ("/space/", f"/space/{room.pk}/"):
        text = client.get(page).content.decode()
        assert f'src="/space/{room.pk}/photo/" alt="白い机と椅子が六つ"' in text


@pytest.mark.parametrize("content", [JPEG, WEBP])
def test_jpeg_and_webp_are_accepted(client, operator, room, content):
    client.force_login(operator)
    response = client.post(f"/space/{room.pk}/edit/", {**_data(), "photo": SimpleUploadedFile("p.png", content)})
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.photo.name.endswith(".jpg")


def test_a_photo_is_stored_without_its_place_or_camera(client, operator, room):
    """A phone's photo says where it was taken: a facility's public photo keeps only its pixels."""
    assert Image.open(io.BytesIO(JPEG)).getexif()  # the upload does carry EXIF (GPS, maker, software)
    client.force_login(operator)
    client.post(f"/space/{room.pk}/edit/", {**_data(), "photo": SimpleUploadedFile("p.jpg", JPEG)})
    room.refresh_from_db()
    with room.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert image.format == "JPEG" and not image.getexif() and "exif" not in image.info


@pytest.mark.parametrize(
    "name,content",
    [
        ("photo.jpg", b"GIF89a" + b"\x00" * 40),
        ("photo.png", b"<svg></svg>"),
        ("photo.webp", b"RIFF\x00\x00\x00\x00WAVE"),
        ("photo.jpg", b""),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused(client, operator, room, name, content):
    client.force_login(operator)
    response = client.post(f"/space/{room.pk}/edit/", {**_data(), "photo": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    room.refresh_from_db()
    assert not room.photo and room.name == "会議室A"
    assert 'value="会議室B"' in response.content.decode()  # what was typed stays


def test_a_photo_too_big_is_refused(client, operator, room):
    client.force_login(operator)
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * MAX_PHOTO_BYTES)
    response = client.post(f"/space/{room.pk}/edit/", {**_data(), "photo": big})
    assert response.status_code == 400
    assert "5 MB" in response.content.decode()
    room.refresh_from_db()
    assert not room.photo


def test_a_photo_needs_its_description(client, operator, room):
    client.force_login(operator)
    response = client.post(f"/space/{room.pk}/edit/", {**_data(photo_alt=""), "photo": SimpleUploadedFile("p.png", PNG)})
    assert response.status_code == 400
    room.refresh_from_db()
    assert not room.photo


def test_bad_numbers_show_errors(client, operator, room):
    client.force_login(operator)
    response = client.post(f"/space/{room.pk}/edit/", _data(max_booking_minutes="99999", capacity="-1", kind="x"))
    assert response.status_code == 400
    room.refresh_from_db()
    assert room.max_booking_minutes == 240


def test_operator_adds_a_facility(client, operator, space):
    client.force_login(operator)
    assert client.get(f"/space/s/{space.slug}/facilities/new/").status_code == 200
    response = client.post(f"/space/s/{space.slug}/facilities/new/", _data(name="スタジオ", kind="studio"))
    facility = Facility.objects.get(name="スタジオ")
    assert response.status_code == 302 and response["Location"] == f"/space/{facility.pk}/"
    assert facility.space == space and facility.kind == "studio"


def test_the_operator_sees_the_links(client, operator, room, space):
    client.force_login(operator)
    assert f"/space/{room.pk}/edit/" in client.get(f"/space/{room.pk}/").content.decode()
    text = client.get(f"/space/s/{space.slug}/bookings/").content.decode()
    assert f"/space/s/{space.slug}/facilities/new/" in text and f"/space/{room.pk}/edit/" in text


@pytest.mark.parametrize("who", ["anonymous", "member", "other_operator"])
def test_others_may_not_edit_or_add(client, room, space, who):
    from yukemuri.people.models import Role
    from yukemuri.people.services import role_assign

    if who != "anonymous":
        person = PersonFactory()
        if who == "other_operator":  # an operator, but not of this space's company
            role_assign(person=person, role=Role.OPERATOR)
        client.force_login(person)
    for url in (f"/space/{room.pk}/edit/", f"/space/s/{space.slug}/facilities/new/"):
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, _data(name="乗っ取り")).status_code in (302, 403)
    assert not Facility.objects.filter(name="乗っ取り").exists()
    if who != "anonymous":
        assert f"/space/{room.pk}/edit/" not in client.get(f"/space/{room.pk}/").content.decode()


def test_photo_of_a_facility_without_one_is_404(client, room):
    assert client.get(f"/space/{room.pk}/photo/").status_code == 404
    assert client.get("/space/999999/photo/").status_code == 404
    assert client.get("/space/999999/edit/").status_code in (302, 404)
