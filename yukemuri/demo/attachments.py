"""Demo photos on a few issues, ideas and help requests (写真, issue 20): simple pictures drawn with Pillow at load
time (no binary files in the repository), uploaded through the same checks and services people use, each made
once under a stable key, so loading again changes nothing."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from yukemuri.attachments import services
from yukemuri.attachments.processing import prepare


def _scene(sky, ground, draw_more) -> bytes:
    image = Image.new("RGB", (960, 640), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 400, 960, 640), fill=ground)
    draw_more(draw)
    return image


def _house(draw):
    draw.rectangle((330, 240, 630, 440), fill=(150, 120, 90))
    draw.polygon([(300, 250), (480, 120), (660, 250)], fill=(90, 60, 50))
    draw.rectangle((450, 340, 510, 440), fill=(60, 45, 35))
    draw.rectangle((370, 280, 420, 320), fill=(40, 40, 40))


def _cabbages(draw):
    for row in range(3):
        for col in range(8):
            x, y = 60 + col * 115, 440 + row * 65
            draw.ellipse((x, y, x + 70, y + 45), fill=(120, 180, 90), outline=(70, 120, 50), width=3)


def _street(draw):
    draw.rectangle((0, 420, 960, 640), fill=(110, 110, 115))
    draw.rectangle((0, 430, 960, 440), fill=(240, 240, 240))
    for x in range(80, 960, 200):
        draw.rectangle((x, 200, x + 120, 420), fill=(200, 170, 140), outline=(120, 90, 70), width=4)
        draw.rectangle((x + 15, 330, x + 105, 415), fill=(90, 90, 100))  # shutters down


def _jpeg(image, gps=None) -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "yukemuri demo camera"
    if gps:
        exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif)
    return SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 2)


# key, post's demo key, uploader's demo key, description, scene, shared place (latitude, longitude) or None
PHOTOS = [
    ("photo-akiya", "i-akiya", None, "瓦屋根の古い空き家。窓は閉ざされ、庭に草が伸びている（デモ用の絵）",
     ((200, 225, 240), (120, 150, 90), _house), (36.3219, 139.0033)),
    ("photo-tomioka-shops", "i-tomioka-shops", None, "シャッターが下りた商店が並ぶ通り（デモ用の絵）",
     ((210, 220, 235), (110, 110, 115), _street), None),
    ("photo-cabbage", "help-tsumagoi-cabbage", "p-kenta", "高原のキャベツ畑。三列に並ぶキャベツ（デモ用の絵）",
     ((170, 205, 240), (150, 110, 70), _cabbages), (36.516, 138.530)),
]


def load_attachments_demo(get, once) -> None:
    for key, post_key, uploader_key, alt, (sky, ground, draw_more), place in PHOTOS:
        post = get(post_key)
        if post is None:
            continue
        by = get(uploader_key) if uploader_key else post.author

        def make(post=post, by=by, alt=alt, sky=sky, ground=ground, draw_more=draw_more, place=place):
            gps = {1: "N", 2: _dms(place[0]), 3: "E", 4: _dms(place[1])} if place else None
            upload = _jpeg(_scene(sky, ground, draw_more), gps)
            return services.attach(post=post, by=by, prepared=prepare(upload, alt=alt, share_place=bool(place)))

        once(key, make)
