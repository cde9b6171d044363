"""Storage names for private files: unguessable, grouped by kind and month."""

import os
import uuid

from django.utils import timezone


def private_name(prefix: str, filename: str) -> str:
    """``prefix/2026/11/<32 hex>.ext``: the original name is kept on the row, not the disk."""
    ext = os.path.splitext(filename)[1].lower()[:8]
    now = timezone.now()
    return f"{prefix}/{now:%Y/%m}/{uuid.uuid4().hex}{ext}"


def file_folder_upload_to(instance, filename):
    """``upload_to`` of a :class:`common.models.CaptionedFile`: its model's ``file_folder``."""
    return private_name(instance.file_folder, filename)


def thumbnail_folder_upload_to(instance, filename):
    """``upload_to`` of a :class:`common.models.CaptionedFile`'s thumbnail: its model's
    ``thumbnail_folder``."""
    return private_name(instance.thumbnail_folder, filename)


class StoredFileMixin:
    """Helpers for models that keep an uploaded file with its original name."""

    @property
    def display_name(self) -> str:
        return self.original_name or os.path.basename(self.file.name)

    @property
    def download_name(self) -> str:
        """The user's name for the file with the extension of what is stored.

        Uploads are re-encoded (a WebP photo is kept as JPEG), so the original
        extension may no longer describe the content.
        """
        stem = os.path.splitext(self.display_name)[0] or "tep"
        return stem + os.path.splitext(self.file.name)[1]
