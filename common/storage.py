"""Object storage for the portal's files, and short-lived links to them.

Every file the portal keeps (evidence, dossiers, decisions, certificates, notices,
reports, minutes, packages…) goes through Django's default storage: a folder on
the disk (``MEDIA_ROOT``) by default, or, when ``S3_BUCKET`` is set, a bucket of an
S3-compatible object store (:class:`PrivateS3Storage`), which every web and worker
host reads and writes alike.  Nothing is ever read by its path on a disk.

Invariants of :class:`PrivateS3Storage`:

* Objects are private (no ACL is granted; the bucket must not be public).  A
  browser gets a file only through a view that checked who may see it: streamed
  through Django, or (``PRIVATE_FILE_DELIVERY = "signed"``) redirected to a link
  signed for ``S3_SIGNED_URL_EXPIRE`` seconds (:func:`signed_link`).
* An upload never overwrites another file: a name taken gets a suffix, as on
  the disk.  Only :func:`replace` (rendered files, whose names come from their
  rows, see ``common.pdf.storage``) writes over a name, in one request.
* A download is streamed as it arrives from the store (:meth:`PrivateS3Storage.open_stream`),
  not first copied whole into the web process, and a stored file read by the
  code (:func:`open_stored`: a ZIP, a print file) costs one request.
* Links are signed for the address browsers reach the store at
  (``S3_PUBLIC_ENDPOINT_URL``), which may differ from the one the hosts use.
"""

import contextlib

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

STREAM = "stream"
SIGNED = "signed"
DELIVERIES = (STREAM, SIGNED)


class ObjectStream:
    """An object's body as a file-like object with ``read`` and ``close`` only."""

    def __init__(self, body):
        self._body = body

    def read(self, size=-1) -> bytes:
        return self._body.read(None if size is None or size < 0 else size)

    def close(self) -> None:
        self._body.close()


class PrivateS3Storage(S3Storage):
    """django-storages' S3 backend with the portal's defaults (see the module)."""

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            "signature_version": "s3v4",
            #: The store's address as browsers reach it, for signed links (empty: endpoint_url).
            "public_endpoint_url": None,
        }

    def open_stream(self, name) -> tuple[ObjectStream, int]:
        """The object ``name`` as a stream read as it arrives (one GET; nothing kept
        in memory or on the disk), and its length; FileNotFoundError if missing."""
        key = self._normalize_name(clean_name(name))
        try:
            answer = self.connection.meta.client.get_object(Bucket=self.bucket_name, Key=key)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from error
            raise
        return ObjectStream(answer["Body"]), answer["ContentLength"]

    def replace(self, name, content) -> str:
        """Write ``content`` at exactly ``name`` (one PUT, replacing what was there)."""
        return self._save(name, content)

    def signed_url(self, name, *, filename, content_type, inline, expire) -> str:
        """A link to ``name`` valid ``expire`` seconds, answered with the given
        file name, content type and no caching."""
        parameters = {
            "ResponseContentDisposition": content_disposition_header(not inline, filename),
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        }
        return self._signer().url(name, parameters=parameters, expire=expire)

    def _signer(self) -> S3Storage:
        if not self.public_endpoint_url or self.public_endpoint_url == self.endpoint_url:
            return self
        signer = getattr(self, "_public_signer", None)
        if signer is None:
            signer = type(self)(
                bucket_name=self.bucket_name,
                location=self.location,
                access_key=self.access_key,
                secret_key=self.secret_key,
                security_token=self.security_token,
                region_name=self.region_name,
                addressing_style=self.addressing_style,
                endpoint_url=self.public_endpoint_url,
            )
            self._public_signer = signer
        return signer


def replace(name: str, content) -> str:
    """Write ``content`` (a Django ``File``) at exactly ``name`` in the default storage,
    replacing what was there; returns the stored name."""
    write = getattr(default_storage, "replace", None)
    if write is not None:
        return write(name, content)
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, content)


def signed_link(field, *, filename, content_type, inline) -> str | None:
    """A short-lived link to ``field``'s file, or None when files are streamed
    (``PRIVATE_FILE_DELIVERY`` is "stream", or the storage cannot sign)."""
    if getattr(settings, "PRIVATE_FILE_DELIVERY", STREAM) != SIGNED:
        return None
    sign = getattr(field.storage, "signed_url", None)
    if sign is None:
        return None
    return sign(
        field.name,
        filename=filename,
        content_type=content_type,
        inline=inline,
        expire=settings.S3_SIGNED_URL_EXPIRE,
    )


@contextlib.contextmanager
def open_stored(field):
    """``field``'s file open for reading: on object storage one GET read as it arrives
    (``FieldFile.open`` would ask twice for the size first), else the storage's file."""
    open_stream = getattr(field.storage, "open_stream", None)
    if open_stream is None:
        with field.open("rb") as handle:
            yield handle
        return
    stream, _length = open_stream(field.name)
    try:
        yield stream
    finally:
        stream.close()
