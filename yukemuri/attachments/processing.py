"""Checking and cleaning an upload before it is stored: what it is by its content (never its name or the type the
browser claims), its size, its pixels; photos re-encoded without any metadata, resized, with a thumbnail.

The place where a photo was taken (EXIF GPS) is read before the metadata is dropped, and only kept when the
author asked to share it (docs/decisions/0037-photos-and-files.md)."""

import io
import warnings
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# The formats accepted as photos, by what Pillow reads in the file. HEIC only where Pillow can open it (a
# plug-in such as pillow-heif registers "HEIF"); otherwise it is refused like any other unknown file.
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"} | ({"HEIF"} if "HEIF" in Image.OPEN else set())
PDF_MAGIC = b"%PDF-"
GPS_IFD = 0x8825


def limits() -> dict:
    config = settings.YUKEMURI
    return {
        "bytes": config.get("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024),
        "pixels": config.get("ATTACHMENT_MAX_PIXELS", 40_000_000),
        "side": config.get("ATTACHMENT_MAX_SIDE", 2048),
        "thumb": config.get("ATTACHMENT_THUMB_SIDE", 480),
    }


@dataclass
class Prepared:
    """An upload checked and cleaned, ready for `services.attach` to store."""

    kind: str  # "photo" or "file"
    data: bytes
    mime: str
    extension: str
    alt: str = ""
    name: str = ""
    width: int | None = None
    height: int | None = None
    thumbnail: bytes = b""
    thumb_size: tuple[int, int] | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def _too_large(size: int, limit: int):
    return ValidationError(_("The file is too large: at most %(mb)s MB.") % {"mb": round(limit / 1024 / 1024, 1)},
                           code="too_large")


def _read(upload, limit: int) -> bytes:
    if upload.size is not None and upload.size > limit:
        raise _too_large(upload.size, limit)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def _degrees(value, ref) -> Decimal | None:
    """An EXIF GPS coordinate (degrees, minutes, seconds as rationals) as signed decimal degrees."""
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = d + m / 60 + s / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if str(ref).strip().upper() in ("S", "W"):
        degrees = -degrees
    return Decimal(f"{degrees:.6f}")


def gps_position(image) -> tuple[Decimal, Decimal] | None:
    """Where the photo was taken, from its EXIF GPS tags, or None (absent, broken, or not on the globe)."""
    try:
        gps = image.getexif().get_ifd(GPS_IFD)
    except Exception:  # broken EXIF is common and must never refuse a photo
        return None
    if not gps or 2 not in gps or 4 not in gps:
        return None
    latitude, longitude = _degrees(gps[2], gps.get(1, "N")), _degrees(gps[4], gps.get(3, "E"))
    if latitude is None or longitude is None or abs(latitude) > 90 or abs(longitude) > 180:
        return None
    return latitude, longitude


def _encode(image, side: int) -> tuple[bytes, tuple[int, int]]:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    copy.info = {}  # no EXIF, ICC, XMP or comment is written back: nothing but the pixels leaves here
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue(), copy.size


def _photo(data: bytes, *, share_place: bool, max_pixels: int, side: int, thumb: int) -> Prepared:
    not_a_photo = ValidationError(_("This file is not a photo (JPEG, PNG or WebP) or a PDF."), code="not_a_photo")
    try:
        with warnings.catch_warnings():
            # Pillow warns past MAX_IMAGE_PIXELS and raises past twice that: both are refusals here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in PHOTO_FORMATS:
                raise not_a_photo
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(_("The photo has too many pixels: at most %(mp)s megapixels.")
                                      % {"mp": max_pixels // 1_000_000}, code="too_many_pixels")
            place = gps_position(image) if share_place else None  # read before the metadata is dropped
            image.load()
            image = ImageOps.exif_transpose(image)  # turn it upright, as the camera meant, before stripping
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The photo has too many pixels: at most %(mp)s megapixels.")
                              % {"mp": max_pixels // 1_000_000}, code="too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_a_photo from None
    if image.mode not in ("RGB", "L"):
        # Transparency is laid on white: photos are stored as JPEG.
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, (255, 255, 255))
        image.paste(rgba, mask=rgba.getchannel("A"))
    else:
        image = image.convert("RGB")
    body, size = _encode(image, side)
    small, small_size = _encode(image, thumb)
    return Prepared(kind="photo", data=body, mime="image/jpeg", extension="jpg", width=size[0], height=size[1],
                    thumbnail=small, thumb_size=small_size,
                    latitude=place[0] if place else None, longitude=place[1] if place else None)


def prepare(upload, *, alt: str = "", share_place: bool = False) -> Prepared:
    """Check an uploaded file and clean it. A PDF (by its first bytes) is kept as it is; anything else must be
    a photo Pillow opens, within the pixel limit; it is then turned upright, resized, re-encoded as JPEG with
    no metadata, with a thumbnail. Raises ValidationError with a message for the person."""
    limit = limits()
    data = _read(upload, limit["bytes"])
    name = (getattr(upload, "name", "") or "").replace("/", "_").replace("\\", "_")[-120:]
    if data.startswith(PDF_MAGIC):
        return Prepared(kind="file", data=data, mime="application/pdf", extension="pdf", alt=alt.strip(),
                        name=name if name.lower().endswith(".pdf") else f"{name or 'document'}.pdf")
    prepared = _photo(data, share_place=share_place, max_pixels=limit["pixels"], side=limit["side"],
                      thumb=limit["thumb"])
    if not alt.strip():
        raise ValidationError(_("Describe the photo for people who cannot see it."), code="alt_required")
    prepared.alt, prepared.name = alt.strip(), name
    return prepared


def photo_only(upload, *, max_bytes: int | None = None) -> Prepared:
    """An uploaded photo checked and cleaned as `prepare` does (no metadata, upright, resized; never its place), for
    pictures that are not a post's attachment — a facility's photo. A PDF or anything else is refused."""
    limit = limits()
    data = _read(upload, min(max_bytes or limit["bytes"], limit["bytes"]))
    return _photo(data, share_place=False, max_pixels=limit["pixels"], side=limit["side"], thumb=limit["thumb"])
