"""Pictures and documents for the demo: evidence photos and a scanned proposal letter.

Both are drawn with Pillow in Liberation Serif (shipped under ``static/fonts``,
it covers every Vietnamese letter), so they render the same on every machine
and take a few milliseconds each.  They are then stored the way a user's upload
is, through ``common.uploads.process_upload``, so thumbnails and checks apply.
"""

import datetime
import io
import math
from functools import cache

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from common.uploads import IMAGE, PDF, process_upload

FONT_DIR = settings.BASE_DIR / "static" / "fonts"
GOLD = (244, 196, 48)
#: (top colour, bottom colour) of the photo backgrounds: muted, dark enough for white text
BACKGROUNDS = (
    ((31, 78, 95), (14, 40, 52)),  # teal
    ((125, 15, 18), (72, 8, 12)),  # the portal's red
    ((45, 74, 34), (22, 40, 16)),  # forest green
    ((59, 53, 97), (30, 26, 56)),  # indigo
    ((29, 53, 87), (12, 27, 48)),  # navy
    ((107, 66, 38), (58, 34, 18)),  # brown
)
PHOTO_SIZE = (1200, 800)
#: A4 at 110 dots per inch, as an office scanner's default "document" setting
PAGE_SIZE = (910, 1286)


@cache
def font(size: int, *, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
    style = ("Bold" if bold else "") + ("Italic" if italic else "")
    return ImageFont.truetype(str(FONT_DIR / f"LiberationSerif-{style or 'Regular'}.ttf"), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` pixels, at spaces."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=face) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _centred(draw, y, text, face, fill, width):
    x = (width - draw.textlength(text, font=face)) / 2
    draw.text((x, y), text, font=face, fill=fill)


def _star(draw, centre, radius, fill):
    """A five-pointed star, as on the national emblem."""
    cx, cy = centre
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.4
        angle = math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(angle), cy - r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def evidence_photo(
    title: str,
    subject: str,
    day: datetime.date,
    *,
    palette: int,
    heading: str = "ẢNH MINH CHỨNG THÀNH TÍCH",
) -> bytes:
    """A placeholder photo: a dark gradient, a gold frame and star, ``heading`` and the
    achievement's (or practice's) title."""
    width, height = PHOTO_SIZE
    top, bottom = BACKGROUNDS[palette % len(BACKGROUNDS)]
    mask = Image.linear_gradient("L").resize(PHOTO_SIZE)
    image = Image.composite(
        Image.new("RGB", PHOTO_SIZE, bottom), Image.new("RGB", PHOTO_SIZE, top), mask
    )
    draw = ImageDraw.Draw(image)
    draw.rectangle((28, 28, width - 29, height - 29), outline=GOLD, width=3)
    draw.rectangle((40, 40, width - 41, height - 41), outline=(160, 140, 70), width=1)

    _centred(draw, 78, heading, font(30), GOLD, width)
    _star(draw, (width // 2, 178), 36, GOLD)

    for size in (66, 56, 48):  # the largest size that fits in three lines
        face = font(size, bold=True)
        lines = wrap(draw, title, face, width - 200)
        if len(lines) <= 3:
            break
    lines = lines[:3]
    line_height = int(face.size * 1.2)
    y = 300 + (3 - len(lines)) * line_height // 2
    for line in lines:
        _centred(draw, y, line, face, (255, 255, 255), width)
        y += line_height
    draw.line((width // 2 - 90, 560, width // 2 + 90, 560), fill=GOLD, width=2)
    _centred(draw, 590, subject, font(40, italic=True), (235, 235, 235), width)
    _centred(draw, 660, f"Bến Tre, {day:%d/%m/%Y}", font(30), (210, 210, 210), width)

    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def proposal_letter(
    *,
    parent_line: str,
    issuer_line: str,
    unit_name: str,
    number: str,
    place: str,
    day: datetime.date,
    award: str,
    subject: str,
    summary: str,
) -> bytes:
    """A one-page proposal letter (tờ trình) laid out as Decree 30/2020 asks,
    rendered like a scanned page: grey, on a slightly warm paper."""
    width, height = PAGE_SIZE
    page = Image.new("L", PAGE_SIZE, 250)
    draw = ImageDraw.Draw(page)
    ink = 25
    margin_left, margin_right = 110, 70
    left_centre, right_centre = 230, 610

    def centre_at(x, y, text, face):
        draw.text((x - draw.textlength(text, font=face) / 2, y), text, font=face, fill=ink)

    regular, bold, italic = font(19), font(19, bold=True), font(19, italic=True)
    centre_at(left_centre, 80, parent_line, regular)
    issuer = wrap(draw, issuer_line, bold, 300)
    y = 104
    for line in issuer:
        centre_at(left_centre, y, line, bold)
        y += 24
    draw.line((left_centre - 45, y + 4, left_centre + 45, y + 4), fill=ink, width=1)
    centre_at(left_centre, y + 18, f"Số: {number}", regular)

    centre_at(right_centre, 80, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font(18, bold=True))
    centre_at(right_centre, 104, "Độc lập - Tự do - Hạnh phúc", bold)
    draw.line((right_centre - 105, 130, right_centre + 105, 130), fill=ink, width=1)
    centre_at(right_centre, 150, f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}", italic)

    y = 250
    centre_at(width / 2, y, "TỜ TRÌNH", font(22, bold=True))
    y += 32
    for line in wrap(draw, f"Về việc đề nghị tặng {award}", bold, 560):
        centre_at(width / 2, y, line, bold)
        y += 26
    draw.line((width / 2 - 60, y + 6, width / 2 + 60, y + 6), fill=ink, width=1)
    y += 40
    centre_at(width / 2, y, "Kính gửi: Sở Nội vụ tỉnh Bến Tre (Ban Thi đua – Khen thưởng)", regular)
    y += 50

    body = (
        "Căn cứ Kế hoạch số 2777/KH-UBND của Ủy ban nhân dân tỉnh Bến Tre về tổ chức phong "
        "trào thi đua thực hiện công tác phòng, chống dịch COVID-19;",
        f"Xét thành tích của {subject}, {unit_name} kính đề nghị Chủ tịch Ủy ban "
        f"nhân dân tỉnh xem xét, tặng {award} cho {subject}, đã có thành tích: {summary}",
        "Hồ sơ kèm theo gồm báo cáo thành tích có xác nhận của thủ trưởng đơn vị.",
        "Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.",
    )
    text_width = width - margin_left - margin_right
    for paragraph in body:
        for k, line in enumerate(wrap(draw, paragraph, regular, text_width - 40)):
            draw.text((margin_left + (40 if k == 0 else 0), y), line, font=regular, fill=ink)
            y += 28
        y += 8

    y += 30
    draw.text((margin_left, y), "Nơi nhận:", font=font(17, bold=True, italic=True), fill=ink)
    for k, line in enumerate(("- Như trên;", "- Lưu: VT, TĐKT.")):
        draw.text((margin_left, y + 26 + 22 * k), line, font=font(16), fill=ink)
    centre_at(right_centre, y, "THỦ TRƯỞNG ĐƠN VỊ", bold)
    centre_at(right_centre, y + 30, "(Đã ký và đóng dấu)", italic)

    out = io.BytesIO()
    page.save(out, "PDF", resolution=110, quality=70)
    return out.getvalue()


def portrait(name: str, *, palette: int) -> bytes:
    """A placeholder for a consented photo (no face): a silhouette and the initials."""
    width, height = 600, 800
    top, bottom = BACKGROUNDS[palette % len(BACKGROUNDS)]
    mask = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(
        Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), mask
    )
    draw = ImageDraw.Draw(image)
    draw.ellipse((200, 170, 400, 370), fill=(225, 210, 170))
    draw.pieslice((110, 400, 490, 780), 180, 360, fill=(225, 210, 170))
    draw.rectangle((110, 590, 490, 800), fill=(225, 210, 170))
    initials = "".join(word[0] for word in name.split()[-2:]).upper()
    _centred(draw, 40, initials, font(72, bold=True), GOLD, width)
    draw.rectangle((12, 12, width - 13, height - 13), outline=GOLD, width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def as_upload(content: bytes, name: str, kind: str):
    """Run generated bytes through the same checks as a user's upload."""
    return process_upload(ContentFile(content, name=name), allow=(kind,))


__all__ = ["IMAGE", "PDF", "as_upload", "evidence_photo", "portrait", "proposal_letter"]
