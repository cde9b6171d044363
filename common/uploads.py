"""Safe handling of uploaded evidence and dossier files.

The type of an upload is decided by its content, never by its name or the
content type the browser declares:

* JPEG, PNG and WebP images are decoded in full with Pillow and re-encoded, so
  nothing but pixels survives: EXIF (GPS position, camera serial), ICC profiles,
  comments, text chunks and any bytes appended after the image are dropped. The
  EXIF orientation is applied first, so the stored pixels are the right way up.
  JPEG stays JPEG, PNG stays PNG (it may carry transparency or line art), and
  WebP becomes JPEG: one photo format that every viewer and office program in
  the units opens, and browsers are never handed a WebP bitstream from outside.
* PDF files are checked (signature, end marker, readable by pypdf without a
  password) and stored byte for byte: rewriting them would break the digital
  signatures that official documents carry.
* Everything else is refused with a Vietnamese message.

A multiple-file field takes at most ``UPLOAD_MAX_FILES`` (default 20) files in one
submission (``check_file_count``); a request over Django's own
``DATA_UPLOAD_MAX_NUMBER_FILES`` never reaches a form and gets the 400 page.

Decompression bombs are refused from the image header, before any pixel is
decoded: ``UPLOAD_MAX_PIXELS`` (default 40 megapixels) is checked against
width × height right after ``Image.open`` (which reads only the header), and
Pillow's ``DecompressionBombWarning`` is an error while we decode. Pillow's
global ``Image.MAX_IMAGE_PIXELS`` is left alone, so an image above twice that
(≈ 179 megapixels) is refused by Pillow itself whatever the setting says.
"""

from __future__ import annotations

import contextlib
import io
import os
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps
from pypdf import PdfReader
from pypdf.errors import DependencyError

IMAGE = "image"
PDF = "pdf"
KINDS = (IMAGE, PDF)

DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 20
JPEG_QUALITY = 85
THUMBNAIL_SIZE = (320, 320)
THUMBNAIL_QUALITY = 80
MAX_NAME_LENGTH = 255

# Detected format -> (Pillow format names accepted for it, stored format).
_IMAGE_FORMATS = {
    "jpeg": (("JPEG", "MPO"), "jpeg"),  # MPO: JPEG with extra frames, from some cameras
    "png": (("PNG",), "png"),
    "webp": (("WEBP",), "jpeg"),
}
_PILLOW_OPENER = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
_OUTPUT = {
    "jpeg": (".jpg", "image/jpeg"),
    "png": (".png", "image/png"),
    "pdf": (".pdf", "application/pdf"),
}
ACCEPT = {
    IMAGE: ("image/jpeg", "image/png", "image/webp"),
    PDF: ("application/pdf",),
}
# Extensions whose owner claims a type we recognise (for the "does not match" message).
_CLAIMED_BY_EXTENSION = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".jfif": "jpeg",
    ".png": "png",
    ".webp": "webp",
    ".pdf": "pdf",
    ".heic": "heif",
    ".heif": "heif",
    ".avif": "heif",
}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}
_PNG_MODES = {"1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

ALLOWED_LABELS = {
    (IMAGE, PDF): _("ảnh JPEG, PNG, WebP hoặc tệp PDF"),
    (IMAGE,): _("ảnh JPEG, PNG hoặc WebP"),
    (PDF,): _("tệp PDF"),
}
MESSAGES = {
    "empty": _("Tệp rỗng (0 byte), vui lòng chọn tệp khác."),
    "too_big": _("Tệp vượt quá dung lượng cho phép (%(limit)s)."),
    "unsupported": _("Chỉ chấp nhận %(allowed)s."),
    "mismatch": _(
        "Nội dung tệp không khớp với phần mở rộng “%(extension)s”. Chỉ chấp nhận %(allowed)s."
    ),
    "heif": _(
        "Ảnh HEIC/AVIF (thường chụp từ iPhone) chưa được hỗ trợ. "
        "Vui lòng chuyển ảnh sang JPEG rồi tải lên lại."
    ),
    "image_broken": _("Ảnh bị hỏng hoặc không đầy đủ, vui lòng chọn ảnh khác."),
    "image_too_large": _(
        "Ảnh có kích thước quá lớn (%(width)s × %(height)s điểm ảnh, %(megapixels)s megapixel); "
        "tối đa %(limit)s megapixel."
    ),
    "image_too_large_unknown": _("Ảnh có kích thước quá lớn; tối đa %(limit)s megapixel."),
    "pdf_broken": _("Tệp PDF bị hỏng hoặc không đầy đủ, vui lòng chọn tệp khác."),
    "too_many": _(
        "Mỗi lần chỉ gửi được tối đa %(limit)s tệp, bạn đã chọn %(count)s tệp. "
        "Hãy chọn lại ít tệp hơn (các thông tin khác vẫn được giữ), lưu, rồi thêm tiếp."
    ),
    "pdf_encrypted": _(
        "Tệp PDF được đặt mật khẩu nên cán bộ không mở được. Vui lòng gỡ mật khẩu rồi tải lên lại."
    ),
}


@dataclass(frozen=True)
class ProcessedUpload:
    """A validated upload, ready to be assigned to a ``FileField``."""

    content: ContentFile  # named "upload<extension>"; the extension comes from the content
    kind: str  # "image" or "pdf"
    extension: str  # ".jpg", ".png" or ".pdf"
    content_type: str  # "image/jpeg", "image/png" or "application/pdf"
    original_name: str  # for display only: never used to build a storage path
    size: int  # bytes of ``content``
    width: int | None = None
    height: int | None = None
    thumbnail: ContentFile | None = None  # JPEG of at most 320 × 320, images only

    @property
    def is_image(self) -> bool:
        return self.kind == IMAGE


def max_upload_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_upload_pixels() -> int:
    return getattr(settings, "UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def max_upload_files() -> int:
    """How many files one multiple-file field takes in one submission."""
    return getattr(settings, "UPLOAD_MAX_FILES", DEFAULT_MAX_FILES)


def check_file_count(count: int) -> None:
    """Refuse more than ``UPLOAD_MAX_FILES`` files at once, before any is read."""
    limit = max_upload_files()
    if count > limit:
        raise ValidationError(
            MESSAGES["too_many"], code="too_many", params={"limit": limit, "count": count}
        )


def normalise_allow(allow: Iterable[str]) -> tuple[str, ...]:
    wanted = set(allow)
    unknown = wanted - set(KINDS)
    if unknown or not wanted:
        raise ValueError(f"allow must be a non-empty subset of {KINDS}, not {sorted(wanted)}")
    return tuple(kind for kind in KINDS if kind in wanted)


def accept_attribute(allow: Iterable[str] = KINDS) -> str:
    """Value of the file input's ``accept`` attribute for these kinds."""
    return ",".join(t for kind in normalise_allow(allow) for t in ACCEPT[kind])


def clean_original_name(name: str | None) -> str:
    """The user's file name, safe to show: NFC, no folders, no control characters, ≤ 255."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Cc: control characters (NUL, new line); Cf: invisible format characters such as
    # the right-to-left override that makes "gpj.exe" look like "exe.jpg".
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf"}).strip()
    if name in {".", ".."}:
        return ""
    if len(name) > MAX_NAME_LENGTH:
        stem, ext = os.path.splitext(name)
        if 0 < len(ext) <= 16:
            name = stem[: MAX_NAME_LENGTH - len(ext)] + ext
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def process_upload(uploaded_file, *, allow: Iterable[str] = KINDS) -> ProcessedUpload:
    """Validate an upload by its content and return what may be stored.

    ``uploaded_file`` is any Django ``File`` (normally an ``UploadedFile`` from
    ``request.FILES``). Raises ``ValidationError`` with a Vietnamese message when
    the file is refused.
    """
    allow = normalise_allow(allow)
    original_name = clean_original_name(getattr(uploaded_file, "name", ""))
    data = _read_limited(uploaded_file)
    detected = _detect(data)

    if detected == "heif":
        raise ValidationError(MESSAGES["heif"], code="heif")
    kind = PDF if detected == "pdf" else IMAGE if detected in _IMAGE_FORMATS else None
    if kind not in allow:
        _refuse_type(original_name, detected, allow)

    if kind == PDF:
        _check_pdf(data)
        extension, content_type = _OUTPUT["pdf"]
        return ProcessedUpload(
            content=ContentFile(data, name=f"upload{extension}"),
            kind=PDF,
            extension=extension,
            content_type=content_type,
            original_name=original_name,
            size=len(data),
        )
    return _process_image(data, detected, original_name)


class EvidenceFileField(forms.FileField):
    """A file field whose ``cleaned_data`` value is a ``ProcessedUpload``.

    ``allow`` limits the kinds accepted (``("image",)`` for a photos-only form).
    When no new file is sent, the value is what ``forms.FileField`` gives
    (``None``, ``False`` for "clear", or the initial file).
    """

    default_error_messages = {"empty": MESSAGES["empty"]}

    def __init__(self, *, allow: Iterable[str] = KINDS, **kwargs):
        self.allow = normalise_allow(allow)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = accept_attribute(self.allow)
        return attrs

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value is None or value is False or value is initial:
            return value
        return process_upload(value, allow=self.allow)


# --- Reading and detecting --------------------------------------------------


def _read_limited(uploaded_file) -> bytes:
    limit = max_upload_bytes()
    declared_size = getattr(uploaded_file, "size", None)
    if declared_size is not None and declared_size > limit:
        _refuse_too_big(limit)
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)  # never trust the declared size alone
    if len(data) > limit:
        _refuse_too_big(limit)
    if not data:
        raise ValidationError(MESSAGES["empty"], code="empty")
    return data


def _detect(data: bytes) -> str | None:
    """The type the first bytes announce: "jpeg", "png", "webp", "pdf", "heif" or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heif"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return None


def _refuse_type(original_name: str, detected: str | None, allow: tuple[str, ...]):
    allowed = ALLOWED_LABELS[allow]
    extension = os.path.splitext(original_name)[1].lower()
    claimed = _CLAIMED_BY_EXTENSION.get(extension)
    if claimed is not None and claimed != detected:
        raise ValidationError(
            MESSAGES["mismatch"],
            code="mismatch",
            params={"extension": extension, "allowed": allowed},
        )
    raise ValidationError(MESSAGES["unsupported"], code="unsupported", params={"allowed": allowed})


def _refuse_too_big(limit: int):
    if limit >= 1024 * 1024:
        text = f"{_decimal(limit / (1024 * 1024))} MB"
    else:
        text = f"{_decimal(limit / 1024)} KB"
    raise ValidationError(MESSAGES["too_big"], code="too_big", params={"limit": text})


def _decimal(value: float) -> str:
    """One decimal at most, Vietnamese decimal comma: 10.0 -> "10", 1.25 -> "1,2"."""
    return f"{value:.1f}".removesuffix(".0").replace(".", ",")


# --- PDF ------------------------------------------------------------------------


def _check_pdf(data: bytes) -> None:
    broken = ValidationError(MESSAGES["pdf_broken"], code="pdf_broken")
    if b"%%EOF" not in data[-1024:]:
        raise broken  # cut short, typically an interrupted download or upload
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ValidationError(MESSAGES["pdf_encrypted"], code="pdf_encrypted")
        page_count = len(reader.pages)
    except ValidationError:
        raise
    except Exception as exc:  # any parser failure on untrusted input means "unreadable"
        raise broken from exc
    if page_count == 0:
        raise broken


def _opens_without_password(reader: PdfReader) -> bool:
    """True for PDFs with only an owner password (edit restrictions): anyone can read them."""
    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        # AES needs the optional "cryptography" package: we cannot tell, so refuse.
        return False


# --- Images ---------------------------------------------------------------------


@contextlib.contextmanager
def _refuse_truncated_images():
    """Decode strictly, whatever another library set process-wide.

    WeasyPrint sets ``ImageFile.LOAD_TRUNCATED_IMAGES = True`` when it is
    imported (the certificate renderer imports it), which would let a
    truncated upload through as a half-grey picture.
    """
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _process_image(data: bytes, detected: str, original_name: str) -> ProcessedUpload:
    accepted_formats, output_format = _IMAGE_FORMATS[detected]
    opener = [_PILLOW_OPENER[detected]]
    limit = max_upload_pixels()
    broken = ValidationError(MESSAGES["image_broken"], code="image_broken")

    # 1. Header only: nothing is decoded yet, so the bomb warning is harmless here;
    #    our own, lower limit is checked right below with the real dimensions.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=opener) as probe:
                width, height = probe.size
                pillow_format = probe.format
    except Image.DecompressionBombError as exc:  # above twice Pillow's own limit
        raise _too_large_unknown(limit) from exc
    except Exception as exc:  # any parser failure on untrusted input means "broken"
        raise broken from exc
    if pillow_format not in accepted_formats:
        raise broken
    if width * height > limit:
        raise ValidationError(
            MESSAGES["image_too_large"],
            code="image_too_large",
            params={
                "width": width,
                "height": height,
                "megapixels": _decimal(width * height / 1_000_000),
                "limit": _decimal(limit / 1_000_000),
            },
        )

    # 2. Verify, then decode in full (catches truncation), orient, re-encode.
    #    catch_warnings() changes process-wide state: the explicit check above is the
    #    real guard, this is a second belt for frames or crops Pillow checks later.
    with warnings.catch_warnings(), _refuse_truncated_images():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=opener) as image:
                image.verify()  # structure and checksums; the image cannot be used after
            with Image.open(io.BytesIO(data), formats=opener) as image:
                image.load()
                ImageOps.exif_transpose(image, in_place=True)
                image = _to_srgb(image)
                width, height = image.size
                flat = _for_jpeg(image)  # may be `image` itself, with its metadata cleared
                if output_format == "png":
                    content = _encode_png(image)
                else:
                    content = _save(flat, "JPEG", quality=JPEG_QUALITY, optimize=True)
                flat.thumbnail(THUMBNAIL_SIZE)  # in place: the full image is no longer needed
                thumbnail = _save(flat, "JPEG", quality=THUMBNAIL_QUALITY)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise _too_large_unknown(limit) from exc
        except Exception as exc:  # truncated or corrupt pixel data
            raise broken from exc

    extension, content_type = _OUTPUT[output_format]
    return ProcessedUpload(
        content=ContentFile(content, name=f"upload{extension}"),
        kind=IMAGE,
        extension=extension,
        content_type=content_type,
        original_name=original_name,
        size=len(content),
        width=width,
        height=height,
        thumbnail=ContentFile(thumbnail, name="thumbnail.jpg"),
    )


def _too_large_unknown(limit: int) -> ValidationError:
    return ValidationError(
        MESSAGES["image_too_large_unknown"],
        code="image_too_large",
        params={"limit": _decimal(limit / 1_000_000)},
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert colours to sRGB when the image embeds another profile (the profile is dropped)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in {"RGB", "RGBA", "CMYK"}:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unusable profile: keep the pixels as they are


def _encode_png(image: Image.Image) -> bytes:
    if image.has_transparency_data and image.mode not in {"RGBA", "LA"}:
        image = image.convert("RGBA")  # keeps a palette's or colour key's transparency
    elif image.mode not in _PNG_MODES:
        image = image.convert("RGB")
    image.info = {}  # PNG's encoder falls back to info for the ICC profile
    return _save(image, "PNG")


def _for_jpeg(image: Image.Image) -> Image.Image:
    """An RGB or L image with no metadata; transparency is laid on white."""
    if image.mode in {"I", "I;16", "I;16B", "I;16L", "I;16N"}:
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    elif image.has_transparency_data:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    image.info = {}
    return image


def _save(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()
