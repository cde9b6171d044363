"""common/downloads.py: private files from the disk or the bucket, streamed or by signed link;
common.storage.open_stored, how the code reads a stored file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import Http404

from common.downloads import serve_field
from common.storage import open_stored

pytestmark = [pytest.mark.unit]

PDF = b"%PDF-1.4 quyet dinh " * 1000


def stored(name: str) -> FieldFile:
    return FieldFile(None, FileField(), name)


def test_a_file_in_the_bucket_is_streamed_with_its_length_name_and_type(s3_bucket):
    name = default_storage.save("decisions/1/qd.pdf", ContentFile(PDF))

    response = serve_field(stored(name), "Quyết định 123.pdf", "application/pdf", inline=True)

    assert b"".join(response.streaming_content) == PDF == s3_bucket.read(name)
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20123.pdf"
    )
    assert (response["Cache-Control"], response["X-Content-Type-Options"]) == (
        "private, no-cache",
        "nosniff",
    )


@pytest.mark.parametrize("delivery", ["stream", "signed"])
def test_a_file_missing_from_the_bucket_is_a_404(s3_bucket, settings, delivery):
    settings.PRIVATE_FILE_DELIVERY = delivery

    with pytest.raises(Http404):
        serve_field(stored("decisions/1/gone.pdf"), "qd.pdf", "application/pdf")


def test_a_file_on_the_disk_is_streamed_and_a_missing_one_is_a_404():
    name = default_storage.save("decisions/1/qd.pdf", ContentFile(PDF))

    response = serve_field(stored(name), "qd.pdf", "application/pdf")

    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Length"] == str(len(PDF))
    with pytest.raises(Http404):
        serve_field(stored("decisions/1/gone.pdf"), "qd.pdf", "application/pdf")


def test_a_stored_file_is_read_in_one_request_from_the_bucket(s3_bucket):
    name = default_storage.save("certificates/1/a.pdf", ContentFile(PDF))
    operations = []
    default_storage.connection.meta.client.meta.events.register(
        "before-call.s3", lambda model, **kwargs: operations.append(model.name)
    )

    with open_stored(stored(name)) as handle:
        content = handle.read()

    assert content == PDF
    assert operations == ["GetObject"]


def test_a_stored_file_on_the_disk_is_read_too():
    name = default_storage.save("certificates/1/a.pdf", ContentFile(PDF))

    with open_stored(stored(name)) as handle:
        assert handle.read() == PDF
