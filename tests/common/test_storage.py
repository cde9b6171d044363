"""common/storage.py: the S3 storage on a real S3 API (moto's server), its signed links,
and the rule that no code reads a stored file by a path on the local disk."""

import ast
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import FileField

from common.pdf.storage import store, store_file
from common.storage import PrivateS3Storage, signed_link

pytestmark = [pytest.mark.unit]

ROOT = Path(django_settings.BASE_DIR)
PROJECT_PACKAGES = ("common", "units", "awards", "campaign", "council", "portal", "config")
SETTINGS_FILE = ROOT / "config" / "settings.py"


def test_an_upload_never_overwrites_a_file_of_the_same_name(s3_bucket):
    first = default_storage.save("evidence/anh.jpg", ContentFile(b"first"))

    second = default_storage.save("evidence/anh.jpg", ContentFile(b"second"))

    assert first == "evidence/anh.jpg"
    assert second != first
    assert s3_bucket.keys() == sorted([first, second])
    assert (s3_bucket.read(first), s3_bucket.read(second)) == (b"first", b"second")


def test_a_rendered_file_replaces_its_name_exactly(s3_bucket, tmp_path):
    store("certificates/7/UBND-001.pdf", b"%PDF first")
    zipped = tmp_path / "package.zip"
    zipped.write_bytes(b"PK zip")

    name = store("certificates/7/UBND-001.pdf", b"%PDF again")
    package = store_file("central-packages/1/2/Ho-so.zip", zipped)

    assert (name, package) == ("certificates/7/UBND-001.pdf", "central-packages/1/2/Ho-so.zip")
    assert s3_bucket.keys() == [package, name]
    assert (s3_bucket.read(name), s3_bucket.read(package)) == (b"%PDF again", b"PK zip")


def test_a_rendered_file_replaces_its_name_on_the_disk_too(settings, tmp_path):
    store("notices/3/cv.pdf", b"first")

    name = store("notices/3/cv.pdf", b"again")

    assert name == "notices/3/cv.pdf"
    assert sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "notices" / "3").iterdir()) == [
        "cv.pdf"
    ]
    assert (Path(settings.MEDIA_ROOT) / name).read_bytes() == b"again"


def test_the_s3_storage_has_no_local_path(s3_bucket):
    name = default_storage.save("decisions/qd.pdf", ContentFile(b"%PDF"))

    with pytest.raises(NotImplementedError, match="absolute paths"):
        default_storage.path(name)


class _Field:
    def __init__(self, storage, name):
        self.storage, self.name = storage, name


def test_signed_links_are_signed_for_the_address_browsers_reach(s3_bucket, settings):
    settings.PRIVATE_FILE_DELIVERY = "signed"
    settings.S3_SIGNED_URL_EXPIRE = 45
    storage = PrivateS3Storage(
        **s3_bucket.storage_options(public_endpoint_url="https://tep.thidua.example.gov.vn")
    )

    link = signed_link(
        _Field(storage, "decisions/1/qd.pdf"),
        filename="Quyết định 123.pdf",
        content_type="application/pdf",
        inline=False,
    )

    parts = urlsplit(link)
    query = parse_qs(parts.query)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "tep.thidua.example.gov.vn",
        f"/{s3_bucket.name}/decisions/1/qd.pdf",
    )
    assert query["X-Amz-Expires"] == ["45"]
    assert query["response-content-type"] == ["application/pdf"]
    assert query["response-cache-control"] == ["private, no-store"]
    assert query["response-content-disposition"] == [
        "attachment; filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20123.pdf"
    ]


def test_no_signed_link_when_files_are_streamed_or_on_the_disk(s3_bucket, settings):
    s3_field = _Field(default_storage, "decisions/1/qd.pdf")
    disk_field = _Field(object(), "decisions/1/qd.pdf")  # a storage that cannot sign
    arguments = {"filename": "qd.pdf", "content_type": "application/pdf", "inline": True}

    streamed = signed_link(s3_field, **arguments)
    settings.PRIVATE_FILE_DELIVERY = "signed"

    assert streamed is None
    assert signed_link(disk_field, **arguments) is None
    assert signed_link(s3_field, **arguments).startswith(s3_bucket.endpoint_url)


# --- No stored file is read by a path on this host's disk -----------------------------


def stored_file_fields() -> set[str]:
    """The names of every FileField (and ImageField) of the project's models."""
    return {
        field.name
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_PACKAGES
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
    }


def local_path_uses(source: str, file_fields: set[str], *, settings_module=False) -> list[str]:
    """Where ``source`` reads a stored file by its local path: ``<x>.<file field>.path``,
    ``<storage>.path(...)``, or ``MEDIA_ROOT`` outside the settings module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "path":
            owner = node.value
            owner_name = (
                owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            )
            if owner_name in file_fields or owner_name.endswith("storage"):
                found.append((node.lineno, ast.unparse(node)))
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
        if name == "MEDIA_ROOT" and not settings_module:
            found.append((node.lineno, "MEDIA_ROOT"))
    return [f"line {line}: {text}" for line, text in sorted(found)]


def test_the_check_finds_a_local_path_where_there_is_one():
    fields = {"file", "document"}
    source = (
        "open(certificate.file.path, 'rb')\n"
        "x = default_storage.path(name)\n"
        "root = settings.MEDIA_ROOT\n"
        "unit.path.startswith(other.path)\n"
        "run.decision.document.name\n"
    )

    assert local_path_uses(source, fields) == [
        "line 1: certificate.file.path",
        "line 2: default_storage.path",
        "line 3: MEDIA_ROOT",
    ]


def test_no_code_reads_a_stored_file_by_its_local_path():
    fields = stored_file_fields()
    found = {}
    for package in PROJECT_PACKAGES:
        for module in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in module.parts:
                continue
            uses = local_path_uses(
                module.read_text(encoding="utf-8"), fields, settings_module=module == SETTINGS_FILE
            )
            if uses:
                found[str(module.relative_to(ROOT))] = uses

    assert {"file", "document", "merged_file", "thumbnail"} <= fields
    assert found == {}
