"""Where rendered files go: Django's default storage (a local folder, or object
storage shared by every host, see ``common.storage``), under names the caller
derives from its rows.

A name is written exactly as given, replacing what was there, so rendering
again (a retry, a second delivery of a task) overwrites the file instead of
piling up copies with suffixes.  A file built in a scratch folder (a ZIP) is
stored from there with :func:`store_file`: the scratch folder is the worker's
own; only what is stored is seen by the other hosts.
"""

from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile

from common.storage import replace


def store(name: str, data: bytes) -> str:
    """Write ``data`` at exactly ``name``, replacing what was there."""
    return replace(name, ContentFile(data))


def store_file(name: str, path: Path) -> str:
    """Write the local file ``path`` at exactly ``name``, replacing what was there."""
    with open(path, "rb") as handle:
        return replace(name, File(handle, name=Path(name).name))
