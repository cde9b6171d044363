"""Uploaded evidence and dossier files: decided by content, re-encoded, bombs refused."""

import io
import random
import struct
import time
import unicodedata
import warnings
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from awards.models import Evidence
from common.uploads import (
    EvidenceFileField,
    ProcessedUpload,
    accept_attribute,
    clean_original_name,
    process_upload,
)
from tests.factories import AchievementFactory

pytestmark = pytest.mark.unit

RED = (255, 0, 0)
BLUE = (0, 0, 255)
ALL_TYPES = "Chỉ chấp nhận ảnh JPEG, PNG, WebP hoặc tệp PDF."
IMAGES_ONLY = "Chỉ chấp nhận ảnh JPEG, PNG hoặc WebP."
BROKEN_IMAGE = "Ảnh bị hỏng hoặc không đầy đủ, vui lòng chọn ảnh khác."
BROKEN_PDF = "Tệp PDF bị hỏng hoặc không đầy đủ, vui lòng chọn tệp khác."


# --- Samples, made in memory ------------------------------------------------


def two_halves(size=(40, 20), mode="RGB", left=RED, right=BLUE):
    """Left half one colour, right half another: shows which way up an image is."""
    image = Image.new(mode, size, left)
    image.paste(right, (size[0] // 2, 0, size[0], size[1]))
    return image


def encode(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def noise(size=(200, 200), seed=1):
    """Random pixels: they do not compress, so cutting the file loses pixel data."""
    data = random.Random(seed).randbytes(size[0] * size[1] * 3)
    return Image.frombytes("RGB", size, data)


def pdf_bytes(*, user_password=None, owner_password=None):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if user_password is not None:
        writer.encrypt(user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bomb(width, height, *, pixel_data=True):
    """A valid 1-bit greyscale PNG of any size: all zeros, so it compresses to almost nothing.

    With ``pixel_data=False`` the IDAT chunk is empty: decoding it would fail, so a
    "too large" answer proves the file was refused from its header alone.
    """

    def chunk(kind, body):
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = b""
    if pixel_data:
        compressor = zlib.compressobj(9)
        row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed bits
        idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def upload(data, name):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def refusal(data, name, **kwargs):
    with pytest.raises(ValidationError) as caught:
        process_upload(upload(data, name), **kwargs)
    error = caught.value
    return error.code, error.messages


def reopen(content_file):
    return Image.open(io.BytesIO(content_file.read()))


# --- Images -----------------------------------------------------------------


def test_jpeg_is_turned_upright_and_stripped_of_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to display"
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.ImageDescription] = "Nhà ông Nguyễn Văn A"
    data = encode(two_halves(), "JPEG", quality=95, exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif()[ExifTags.Base.Orientation] == 6

    result = process_upload(upload(data, "IMG_0001.JPG"))

    assert isinstance(result, ProcessedUpload)
    assert (result.kind, result.extension, result.content_type) == ("image", ".jpg", "image/jpeg")
    assert (result.width, result.height) == (20, 40)
    assert result.original_name == "IMG_0001.JPG"
    assert result.content.name == "upload.jpg"
    stored = result.content.read()
    assert result.size == len(stored)
    assert b"SecretCam" not in stored
    assert b"Exif" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert image.size == (20, 40)
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    # The left (red) half is now on top, the right (blue) half at the bottom.
    top, bottom = image.getpixel((10, 5)), image.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_jpeg_without_exif_keeps_its_orientation_and_is_re_encoded():
    data = encode(two_halves(), "JPEG", quality=100)
    result = process_upload(upload(data, "anh.jpg"))
    stored = result.content.read()
    assert stored != data  # quality 85 now
    image = Image.open(io.BytesIO(stored))
    assert image.size == (40, 20)
    assert image.getpixel((5, 10))[0] > 200
    assert image.getpixel((35, 10))[2] > 200


SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def test_jpeg_comment_and_appended_bytes_are_dropped():
    data = encode(two_halves(), "JPEG", comment=b"hidden comment")
    data += b"<script>alert(1)</script>"  # a JPEG/HTML polyglot
    stored = process_upload(upload(data, "anh.jpg")).content.read()
    assert b"hidden comment" not in stored
    assert b"<script>" not in stored
    assert "comment" not in Image.open(io.BytesIO(stored)).info


def test_icc_profile_is_converted_to_srgb_and_dropped():
    data = encode(two_halves(), "JPEG", icc_profile=SRGB_ICC)
    assert "icc_profile" in Image.open(io.BytesIO(data)).info
    image = reopen(process_upload(upload(data, "anh.jpg")).content)
    assert "icc_profile" not in image.info
    assert image.getpixel((5, 10))[0] > 200  # colours survive the conversion


@pytest.mark.parametrize("mode", ["L", "LA"])
def test_icc_profile_of_a_greyscale_png_is_dropped(mode):
    colour = 90 if mode == "L" else (90, 255)
    data = encode(Image.new(mode, (30, 20), colour), "PNG", icc_profile=SRGB_ICC)
    assert "icc_profile" in Image.open(io.BytesIO(data)).info
    image = reopen(process_upload(upload(data, "scan.png")).content)
    assert "icc_profile" not in image.info
    assert (image.mode, image.getpixel((0, 0))) == (mode, colour)


def test_png_text_chunks_are_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<?php system($_GET['c']); ?>")
    data = encode(two_halves(), "PNG", pnginfo=info)
    result = process_upload(upload(data, "anh.png"))
    stored = result.content.read()
    assert b"<?php" not in stored
    assert Image.open(io.BytesIO(stored)).info.get("Comment") is None


def test_cmyk_jpeg_is_stored_as_rgb():
    data = encode(Image.new("CMYK", (30, 30), (0, 255, 255, 0)), "JPEG")
    result = process_upload(upload(data, "in.jpg"))
    image = reopen(result.content)
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((15, 15))
    assert red > 200 and green < 60 and blue < 60


def test_multi_picture_jpeg_from_a_camera_is_accepted_as_jpeg():
    data = encode(two_halves(), "MPO", save_all=True, append_images=[two_halves(left=BLUE)])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    result = process_upload(upload(data, "DSC0001.JPG"))
    assert (result.extension, result.width, result.height) == (".jpg", 40, 20)
    assert reopen(result.content).format == "JPEG"


def test_png_with_transparency_stays_png_with_its_alpha():
    image = two_halves(mode="RGBA", left=(255, 0, 0, 255), right=(0, 0, 255, 0))
    result = process_upload(upload(encode(image, "PNG"), "logo.png"))
    assert (result.kind, result.extension, result.content_type) == ("image", ".png", "image/png")
    stored = reopen(result.content)
    assert stored.format == "PNG"
    assert stored.mode == "RGBA"
    assert stored.getpixel((5, 10)) == (255, 0, 0, 255)
    assert stored.getpixel((35, 10))[3] == 0


def test_palette_png_keeps_its_transparent_colour():
    image = two_halves(mode="RGB").convert("P")
    transparent_index = image.getpixel((35, 10))
    data = encode(image, "PNG", transparency=transparent_index)
    stored = reopen(process_upload(upload(data, "so-do.png")).content)
    assert stored.mode == "RGBA"
    assert stored.getpixel((35, 10))[3] == 0
    assert stored.getpixel((5, 10)) == (255, 0, 0, 255)


def test_palette_png_without_transparency_stays_a_palette_png():
    data = encode(two_halves().convert("P"), "PNG")
    stored = reopen(process_upload(upload(data, "so-do.png")).content)
    assert stored.mode == "P"
    assert stored.convert("RGB").getpixel((5, 10)) == RED


def test_sixteen_bit_png_stays_sixteen_bit_and_its_thumbnail_is_grey_not_white():
    data = encode(Image.new("I;16", (30, 20), 40000), "PNG")
    result = process_upload(upload(data, "scan.png"))
    stored = reopen(result.content)
    assert stored.mode == "I;16"
    assert stored.getpixel((0, 0)) == 40000
    thumbnail = reopen(result.thumbnail)
    assert thumbnail.mode == "L"
    assert abs(thumbnail.getpixel((0, 0)) - 40000 // 256) <= 2


def test_webp_is_accepted_and_stored_as_jpeg():
    data = encode(two_halves(), "WEBP", quality=90)
    result = process_upload(upload(data, "anh.webp"))
    assert (result.kind, result.extension, result.content_type) == ("image", ".jpg", "image/jpeg")
    assert result.content.name == "upload.jpg"
    image = reopen(result.content)
    assert (image.format, image.size) == ("JPEG", (40, 20))
    assert image.getpixel((5, 10))[0] > 200


def test_transparent_webp_is_laid_on_white():
    image = two_halves(mode="RGBA", left=(255, 0, 0, 255), right=(0, 0, 255, 0))
    result = process_upload(upload(encode(image, "WEBP", lossless=True), "anh.webp"))
    stored = reopen(result.content)
    assert stored.mode == "RGB"
    assert all(channel > 240 for channel in stored.getpixel((35, 10)))


def test_thumbnail_is_a_jpeg_of_at_most_320_pixels():
    data = encode(two_halves(size=(1000, 500), mode="RGBA"), "PNG")
    result = process_upload(upload(data, "anh.png"))
    assert result.thumbnail.name == "thumbnail.jpg"
    thumbnail = reopen(result.thumbnail)
    assert thumbnail.format == "JPEG"
    assert thumbnail.size == (320, 160)
    assert (result.width, result.height) == (1000, 500)  # the stored image keeps its size
    assert reopen(result.content).size == (1000, 500)


def test_thumbnail_of_a_small_image_is_not_enlarged_and_follows_the_orientation():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    data = encode(two_halves(), "JPEG", exif=exif.tobytes())
    thumbnail = reopen(process_upload(upload(data, "a.jpg")).thumbnail)
    assert thumbnail.size == (20, 40)
    assert "exif" not in thumbnail.info


# --- Decompression bombs ------------------------------------------------------


def test_decompression_bomb_is_refused_from_its_header():
    bomb = png_bomb(12_000, 12_000)
    assert len(bomb) < 30_000  # 144 megapixels in a few kilobytes
    started = time.perf_counter()
    code, messages = refusal(bomb, "anh.png")
    elapsed = time.perf_counter() - started
    assert code == "image_too_large"
    assert messages == [
        "Ảnh có kích thước quá lớn (12000 × 12000 điểm ảnh, 144 megapixel); tối đa 40 megapixel."
    ]
    assert elapsed < 1  # decoding it allocates 144 MB and takes about 3 s here


def test_bomb_with_no_pixel_data_is_still_refused_as_too_large_so_nothing_was_decoded():
    code, messages = refusal(png_bomb(9_000, 5_000, pixel_data=False), "anh.png")
    assert code == "image_too_large"
    assert messages == [
        "Ảnh có kích thước quá lớn (9000 × 5000 điểm ảnh, 45 megapixel); tối đa 40 megapixel."
    ]


def test_image_beyond_pillows_own_hard_limit_is_refused():
    code, messages = refusal(png_bomb(15_000, 15_000, pixel_data=False), "anh.png")
    assert code == "image_too_large"
    assert messages == ["Ảnh có kích thước quá lớn; tối đa 40 megapixel."]


def test_pixel_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_PIXELS = 1_000_000
    accepted = process_upload(upload(encode(Image.new("L", (1000, 1000)), "PNG"), "a.png"))
    assert (accepted.width, accepted.height) == (1000, 1000)
    code, messages = refusal(encode(Image.new("L", (1000, 1001)), "PNG"), "a.png")
    assert code == "image_too_large"
    code, messages = refusal(encode(Image.new("L", (1500, 1000)), "PNG"), "a.png")
    assert messages == [
        "Ảnh có kích thước quá lớn (1500 × 1000 điểm ảnh, 1,5 megapixel); tối đa 1 megapixel."
    ]


def test_no_global_pillow_or_warnings_state_is_changed():
    filters_before = list(warnings.filters)
    max_pixels_before = Image.MAX_IMAGE_PIXELS
    refusal(png_bomb(12_000, 12_000, pixel_data=False), "anh.png")
    process_upload(upload(encode(two_halves(), "PNG"), "a.png"))
    assert warnings.filters == filters_before
    assert max_pixels_before == Image.MAX_IMAGE_PIXELS


# --- Broken images and lying files -----------------------------------------------


@pytest.mark.parametrize(
    ("image_format", "name"), [("JPEG", "anh.jpg"), ("PNG", "anh.png"), ("WEBP", "anh.webp")]
)
def test_truncated_image_is_refused(image_format, name):
    data = encode(noise(), image_format)
    code, messages = refusal(data[: len(data) // 2], name)
    assert code == "image_broken"
    assert messages == [BROKEN_IMAGE]


def test_png_with_a_damaged_checksum_is_refused():
    data = bytearray(encode(noise(), "PNG"))
    data[len(data) // 2] ^= 0xFF
    code, messages = refusal(bytes(data), "anh.png")
    assert (code, messages) == ("image_broken", [BROKEN_IMAGE])


def test_image_signature_followed_by_garbage_is_refused():
    code, messages = refusal(b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 20, "anh.jpg")
    assert (code, messages) == ("image_broken", [BROKEN_IMAGE])


def test_text_file_named_jpg_is_refused():
    code, messages = refusal("Xin chào, tôi không phải là ảnh.\n".encode(), "photo.jpg")
    assert code == "mismatch"
    assert messages == [f"Nội dung tệp không khớp với phần mở rộng “.jpg”. {ALL_TYPES}"]


def test_pdf_named_jpg_is_accepted_as_pdf_when_pdfs_are_allowed():
    data = pdf_bytes()
    result = process_upload(upload(data, "photo.jpg"))
    assert (result.kind, result.extension, result.content_type) == (
        "pdf",
        ".pdf",
        "application/pdf",
    )
    assert result.content.name == "upload.pdf"
    assert result.original_name == "photo.jpg"


def test_pdf_named_jpg_is_refused_where_only_images_are_allowed():
    code, messages = refusal(pdf_bytes(), "photo.jpg", allow=("image",))
    assert code == "mismatch"
    assert messages == [f"Nội dung tệp không khớp với phần mở rộng “.jpg”. {IMAGES_ONLY}"]


def test_honest_pdf_is_refused_where_only_images_are_allowed():
    code, messages = refusal(pdf_bytes(), "to-trinh.pdf", allow=("image",))
    assert (code, messages) == ("unsupported", [IMAGES_ONLY])


def test_image_is_refused_where_only_pdfs_are_allowed():
    code, messages = refusal(encode(two_halves(), "PNG"), "scan.png", allow=("pdf",))
    assert (code, messages) == ("unsupported", ["Chỉ chấp nhận tệp PDF."])


def test_png_named_pdf_is_treated_as_the_image_it_is():
    result = process_upload(upload(encode(two_halves(), "PNG"), "document.pdf"))
    assert (result.kind, result.extension, result.content_type) == ("image", ".png", "image/png")
    assert result.content.name == "upload.png"
    assert reopen(result.content).format == "PNG"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (encode(two_halves(), "GIF"), "anh.gif"),
        (encode(two_halves(), "BMP"), "anh.bmp"),
        (encode(two_halves(), "TIFF"), "anh.tiff"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a.svg"),
        (b"PK\x03\x04" + b"\x00" * 100, "bao-cao.docx"),
        (b"MZ\x90\x00" + b"\x00" * 100, "setup.exe"),
    ],
    ids=["gif", "bmp", "tiff", "svg", "docx", "exe"],
)
def test_other_types_are_refused(data, name):
    code, messages = refusal(data, name)
    assert (code, messages) == ("unsupported", [ALL_TYPES])


def test_gif_named_png_is_refused_as_a_mismatch():
    code, messages = refusal(encode(two_halves(), "GIF"), "anh.png")
    assert code == "mismatch"
    assert messages == [f"Nội dung tệp không khớp với phần mở rộng “.png”. {ALL_TYPES}"]


def test_heic_photo_gets_a_helpful_message():
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
    code, messages = refusal(data, "IMG_0042.HEIC")
    assert code == "heif"
    assert messages == [
        "Ảnh HEIC/AVIF (thường chụp từ iPhone) chưa được hỗ trợ. "
        "Vui lòng chuyển ảnh sang JPEG rồi tải lên lại."
    ]


# --- PDF ---------------------------------------------------------------------------


def test_valid_pdf_is_stored_byte_for_byte():
    data = pdf_bytes()
    result = process_upload(upload(data, "Tờ trình.pdf"), allow=("pdf",))
    assert result.content.read() == data
    assert result.size == len(data)
    assert (result.kind, result.thumbnail, result.width, result.height) == ("pdf", None, None, None)
    assert result.original_name == "Tờ trình.pdf"


def test_pdf_header_after_leading_bytes_is_accepted():
    data = b"\r\n" * 8 + pdf_bytes()
    assert process_upload(upload(data, "a.pdf")).content.read() == data


def test_pdf_that_needs_a_password_is_refused():
    code, messages = refusal(pdf_bytes(user_password="mat-khau"), "bien-ban.pdf")
    assert code == "pdf_encrypted"
    assert messages == [
        "Tệp PDF được đặt mật khẩu nên cán bộ không mở được. Vui lòng gỡ mật khẩu rồi tải lên lại."
    ]


def test_pdf_with_only_an_edit_restriction_opens_for_everyone_and_is_accepted():
    data = pdf_bytes(user_password="", owner_password="chi-can-bo-soan-thao")
    assert PdfReader(io.BytesIO(data)).is_encrypted
    assert process_upload(upload(data, "quyet-dinh.pdf")).content.read() == data


def test_truncated_pdf_is_refused():
    data = pdf_bytes()
    code, messages = refusal(data[: len(data) * 2 // 3], "a.pdf")
    assert (code, messages) == ("pdf_broken", [BROKEN_PDF])


def test_pdf_that_does_not_parse_is_refused():
    data = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ngarbage\nstartxref\n99999\n%%EOF\n"
    code, messages = refusal(data, "a.pdf")
    assert (code, messages) == ("pdf_broken", [BROKEN_PDF])


# --- Size and names ------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_with_the_limit_in_megabytes(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    data = pdf_bytes()
    data += b"\n%" + b"x" * (1024 * 1024 - len(data))  # a PDF comment padding it to 1 MB + 2 bytes
    code, messages = refusal(data, "a.pdf")
    assert code == "too_big"
    assert messages == ["Tệp vượt quá dung lượng cho phép (1 MB)."]


def test_default_limit_is_ten_megabytes(settings):
    del settings.UPLOAD_MAX_BYTES
    code, messages = refusal(b"%PDF-" + b"0" * (10 * 1024 * 1024), "a.pdf")
    assert messages == ["Tệp vượt quá dung lượng cho phép (10 MB)."]


def test_size_limit_boundary_and_a_limit_below_one_megabyte(settings):
    data = encode(two_halves(), "PNG")
    settings.UPLOAD_MAX_BYTES = len(data)
    assert process_upload(upload(data, "a.png")).kind == "image"
    settings.UPLOAD_MAX_BYTES = 512 * 1024
    code, messages = refusal(b"x" * (512 * 1024 + 1), "a.png")
    assert messages == ["Tệp vượt quá dung lượng cho phép (512 KB)."]


def test_a_file_that_understates_its_size_is_still_measured(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    lying = File(io.BytesIO(b"%PDF-" + b"0" * 5000), name="a.pdf")
    lying.size = 10
    with pytest.raises(ValidationError) as caught:
        process_upload(lying)
    assert caught.value.code == "too_big"


def test_empty_file_is_refused():
    code, messages = refusal(b"", "anh.jpg")
    assert (code, messages) == ("empty", ["Tệp rỗng (0 byte), vui lòng chọn tệp khác."])


def test_directories_are_stripped_from_the_original_name():
    data = encode(two_halves(), "JPEG")
    result = process_upload(ContentFile(data, name="../../etc/passwd.jpg"))
    assert result.original_name == "passwd.jpg"
    assert result.content.name == "upload.jpg"


def test_clean_original_name():
    decomposed = unicodedata.normalize("NFD", "Ảnh hội nghị.jpg")
    assert decomposed != "Ảnh hội nghị.jpg"
    assert clean_original_name(f"C:\\Users\\An\\{decomposed}") == "Ảnh hội nghị.jpg"
    assert clean_original_name("bao\x00cao\n.pdf") == "baocao.pdf"
    assert clean_original_name("anh\u202egpj.exe") == "anhgpj.exe"  # no right-to-left trick
    assert clean_original_name("../..") == ""
    assert clean_original_name(None) == ""
    long_name = clean_original_name("đ" * 300 + ".jpeg")
    assert len(long_name) == 255
    assert long_name.endswith("đđ.jpeg")


def test_processed_upload_saves_through_the_evidence_model(db):
    data = encode(two_halves(), "WEBP")
    result = process_upload(upload(data, "Hiện trường.webp"))
    evidence = Evidence.objects.create(
        achievement=AchievementFactory(),
        file=result.content,
        thumbnail=result.thumbnail,
        original_name=result.original_name,
        content_type=result.content_type,
        size=result.size,
    )
    evidence.refresh_from_db()
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.name.endswith(".jpg")
    assert evidence.thumbnail.name.startswith("thumbnails/")
    assert evidence.file.size == result.size
    assert evidence.display_name == "Hiện trường.webp"
    assert evidence.is_image


def test_unknown_kind_in_allow_is_a_programming_error():
    with pytest.raises(ValueError, match="allow"):
        process_upload(upload(b"x", "a.txt"), allow=("video",))
    with pytest.raises(ValueError, match="allow"):
        accept_attribute(())


# --- Form field ---------------------------------------------------------------------


class EvidenceForm(forms.Form):
    caption = forms.CharField()
    file = EvidenceFileField()


class PhotoForm(forms.Form):
    caption = forms.CharField()
    photo = EvidenceFileField(allow=("image",), required=False)


def test_form_rejects_a_bad_file_on_that_field_only_and_keeps_the_other_values():
    form = EvidenceForm(
        data={"caption": "Ảnh hội nghị sơ kết"},
        files={"file": upload(b"plain text", "photo.jpg")},
    )
    assert not form.is_valid()
    assert list(form.errors) == ["file"]
    assert form.errors["file"] == [f"Nội dung tệp không khớp với phần mở rộng “.jpg”. {ALL_TYPES}"]
    assert form.cleaned_data == {"caption": "Ảnh hội nghị sơ kết"}


def test_form_cleans_a_good_file_into_a_processed_upload():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    data = encode(two_halves(), "JPEG", exif=exif.tobytes())
    form = EvidenceForm(data={"caption": "Hiện trường"}, files={"file": upload(data, "a.jpg")})
    assert form.is_valid(), form.errors
    processed = form.cleaned_data["file"]
    assert isinstance(processed, ProcessedUpload)
    assert (processed.kind, processed.width, processed.height) == ("image", 20, 40)


def test_photo_only_form_refuses_a_pdf_and_accepts_no_file():
    form = PhotoForm(data={"caption": "x"}, files={"photo": upload(pdf_bytes(), "a.pdf")})
    assert not form.is_valid()
    assert form.errors["photo"] == [IMAGES_ONLY]

    form = PhotoForm(data={"caption": "x"}, files={})
    assert form.is_valid()
    assert form.cleaned_data["photo"] is None


def test_form_field_uses_its_own_message_for_an_empty_file():
    form = EvidenceForm(data={"caption": "x"}, files={"file": upload(b"", "a.jpg")})
    assert not form.is_valid()
    assert form.errors["file"] == ["Tệp rỗng (0 byte), vui lòng chọn tệp khác."]


def test_widget_accept_attribute_lists_the_allowed_types():
    assert 'accept="image/jpeg,image/png,image/webp,application/pdf"' in str(EvidenceForm()["file"])
    assert 'accept="image/jpeg,image/png,image/webp"' in str(PhotoForm()["photo"])
    assert accept_attribute(("pdf",)) == "application/pdf"


def test_truncated_image_is_refused_even_after_weasyprint_is_imported(monkeypatch):
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "navy").save(buffer, "JPEG")
    data = buffer.getvalue()
    truncated = SimpleUploadedFile("anh.jpg", data[: len(data) // 2])
    with pytest.raises(ValidationError) as refused:
        process_upload(truncated)
    assert refused.value.code == "image_broken"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as the other library wants it
