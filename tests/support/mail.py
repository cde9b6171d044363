"""An email backend for integration tests and benchmarks that records what it "sends".

Each message is serialised as an SMTP server would receive it, then its
Message-ID and the sending process's id are appended to a file, one line per
message (``RECORDING_EMAIL_FILE``).  Several worker processes can append to
the same file: each line is one ``write`` to a file opened in append mode.

``RECORDING_EMAIL_DELAY`` (seconds) makes every message take that long, like a
slow SMTP server.  ``RECORDING_EMAIL_STALL_AFTER`` = N makes the first process
that is about to send a message once N are recorded hang there (for a minute,
before recording it), after writing its process id to ``<file>.stall``: a test
waits for that file and kills the process in the middle of an SMTP exchange.
It stalls only once, whatever process comes next.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

STALL_SECONDS = 60


class RecordingBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.path = Path(settings.RECORDING_EMAIL_FILE)
        self.delay = float(getattr(settings, "RECORDING_EMAIL_DELAY", 0) or 0)
        self.stall_after = int(getattr(settings, "RECORDING_EMAIL_STALL_AFTER", 0) or 0)

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            self._maybe_stall()
            if self.delay:
                time.sleep(self.delay)
            message.message().as_bytes()  # what would go over the wire
            self._record(message.extra_headers.get("Message-ID", ""))
            sent += 1
        return sent

    def _record(self, message_id: str) -> None:
        line = f"{message_id} {os.getpid()}\n".encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)

    def _maybe_stall(self) -> None:
        if not self.stall_after:
            return
        marker = stall_marker(self.path)
        if marker.exists() or len(read_records(self.path)) < self.stall_after:
            return
        try:
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        time.sleep(STALL_SECONDS)


def stall_marker(path) -> Path:
    return Path(f"{path}.stall")


def read_records(path) -> list[tuple[str, int]]:
    """(Message-ID, process id) of every recorded message, in order."""
    try:
        text = Path(path).read_text()
    except FileNotFoundError:
        return []
    records = []
    for line in text.splitlines():
        message_id, _, pid = line.rpartition(" ")
        records.append((message_id, int(pid)))
    return records
