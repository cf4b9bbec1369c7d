"""Checking and cleaning uploads: content decides, metadata goes, the place stays only when asked."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from yukemuri.attachments.processing import prepare

from .images import fake_jpeg_upload, jpeg_bytes, jpeg_upload, pdf_upload, png_upload


def _read_back(data: bytes):
    return Image.open(io.BytesIO(data))


def test_the_test_photo_does_carry_gps_exif():
    # Otherwise the tests below would prove nothing.
    image = _read_back(jpeg_bytes())
    assert image.getexif().get_ifd(0x8825)[2] == (36.0, 23.0, 26.4)
    assert image.getexif()[0x010F] == "TestCam"


@pytest.mark.parametrize("share", [False, True])
def test_a_photo_comes_out_with_no_exif_at_all(share):
    prepared = prepare(jpeg_upload(), alt="道路の陥没", share_place=share)
    for data in (prepared.data, prepared.thumbnail):
        image = _read_back(data)
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert "exif" not in image.info and "icc_profile" not in image.info and "xmp" not in image.info
        assert b"TestCam" not in data and b"Exif" not in data


def test_the_place_is_kept_only_when_the_author_shares_it():
    kept = prepare(jpeg_upload(), alt="a", share_place=True)
    assert (kept.latitude, kept.longitude) == (Decimal("36.390667"), Decimal("139.061000"))
    dropped = prepare(jpeg_upload(), alt="a", share_place=False)
    assert dropped.latitude is None and dropped.longitude is None


def test_southern_and_western_places_are_negative():
    from yukemuri.attachments.processing import _degrees

    assert _degrees((33.0, 51.0, 0.0), "S") == Decimal("-33.850000")
    assert _degrees((70.0, 30.0, 0.0), b"W") == Decimal("-70.500000")


def test_orientation_is_applied_before_the_metadata_goes():
    prepared = prepare(jpeg_upload(size=(120, 80), orientation=6, gps=False), alt="a")
    assert (prepared.width, prepared.height) == (80, 120)  # turned upright as the camera said


def test_large_photos_are_resized_with_a_thumbnail(settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "ATTACHMENT_MAX_SIDE": 100, "ATTACHMENT_THUMB_SIDE": 40}
    prepared = prepare(jpeg_upload(size=(400, 200), gps=False), alt="a")
    assert (prepared.width, prepared.height) == (100, 50)
    assert prepared.thumb_size == (40, 20) and _read_back(prepared.thumbnail).size == (40, 20)


def test_png_with_transparency_becomes_jpeg():
    prepared = prepare(png_upload(), alt="a")
    assert prepared.mime == "image/jpeg" and _read_back(prepared.data).mode == "RGB"


def test_a_file_named_jpg_that_is_no_image_is_refused():
    with pytest.raises(ValidationError) as refused:
        prepare(fake_jpeg_upload(), alt="a")
    assert refused.value.code == "not_a_photo"


def test_a_gif_is_refused_though_pillow_opens_it():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(ValidationError):
        prepare(SimpleUploadedFile("a.jpg", out.getvalue()), alt="a")


def test_a_truncated_jpeg_is_refused_without_an_exception_escaping():
    data = jpeg_bytes(size=(300, 300))
    with pytest.raises(ValidationError):
        prepare(SimpleUploadedFile("a.jpg", data[: len(data) // 3]), alt="a")


def test_too_large_is_refused(settings):
    settings.YUKEMURI = {**settings.YUKEMURI, "ATTACHMENT_MAX_BYTES": 500}
    with pytest.raises(ValidationError) as refused:
        prepare(jpeg_upload(size=(200, 200)), alt="a")
    assert refused.value.code == "too_large"


def test_a_pixel_bomb_is_refused_before_decoding(settings):
    # A PNG that claims 30000 × 30000 pixels but weighs a few kilobytes.
    out = io.BytesIO()
    Image.new("1", (30000, 30000)).save(out, "PNG")
    assert len(out.getvalue()) < 200_000
    with pytest.raises(ValidationError) as refused:
        prepare(SimpleUploadedFile("bomb.png", out.getvalue()), alt="a")
    assert refused.value.code == "too_many_pixels"


def test_alt_text_is_required_for_photos():
    with pytest.raises(ValidationError) as refused:
        prepare(jpeg_upload(), alt="  ")
    assert refused.value.code == "alt_required"


def test_a_pdf_is_known_by_its_first_bytes():
    prepared = prepare(pdf_upload("計画.PDF"), alt="")
    assert prepared.kind == "file" and prepared.mime == "application/pdf" and prepared.extension == "pdf"
    renamed = prepare(pdf_upload("plan.jpg"), alt="")  # a PDF whatever its name
    assert renamed.kind == "file" and renamed.name.endswith(".pdf")
