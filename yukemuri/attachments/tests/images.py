"""Photos made in the tests with Pillow: no binary fixtures."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# 36°23'26.4"N 139°3'39.6"E — Maebashi, as a camera writes it (degrees, minutes, seconds).
GPS = {1: "N", 2: (36.0, 23.0, 26.4), 3: "E", 4: (139.0, 3.0, 39.6)}


def jpeg_bytes(size=(120, 80), *, gps=True, orientation=None, color=(200, 80, 40)) -> bytes:
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0131] = "yukemuri tests"  # Software
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def jpeg_upload(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def png_upload(size=(64, 64), name="photo.png"):
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 120, 200, 128)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf_upload(name="plan.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
                              content_type="application/pdf")


def fake_jpeg_upload():
    return SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>" * 10, content_type="image/jpeg")
