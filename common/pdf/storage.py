"""Where rendered files go: Django's default storage (a local folder, or object
storage in production), under names the caller derives from its rows.

A name is written exactly as given, replacing what was there, so rendering
again (a retry, a second delivery of a task) overwrites the file instead of
piling up copies with suffixes.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def store(name: str, data: bytes) -> str:
    """Write ``data`` at exactly ``name``, replacing what was there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))
