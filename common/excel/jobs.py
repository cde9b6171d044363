"""The import job row: an uploaded workbook, what checking it found, and its writing.

:class:`ImportJob` is abstract; each app's import (``units.StaffImport``,
``awards.NominationImport``) inherits it, adds what it imports into, and names
its task (:class:`common.jobs.Job`).  Its life is in ``stage``:

* CHECKING: the file is kept (``file``) and its rows are being read and checked;
* INVALID: checking found errors (``errors``: ``[row, column header, message]``,
  the first :data:`common.excel.imports.MAX_ERRORS`; ``error_count`` all of
  them); nothing is written; the user fixes the file and uploads it again;
* READY: every row is valid; ``summary`` counts what writing would do
  (``{"new": 3, "update": 1, "same": 0, "skip": 2}``) and ``preview`` shows the
  first rows; it waits for the user to confirm;
* WRITING: confirmed; written in one transaction (the rows are read and checked
  again inside it, so what changed meanwhile is seen);
* WRITTEN: done, once.

``state`` (the :class:`~common.jobs.Job` states) is the state of the background
step of the current stage: checking and writing run in the request for a small
file and in a worker for a large one, where the heartbeat and the sweeper keep
them honest like any job.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.files import private_name
from common.jobs import Job
from common.models import user_reference


class ImportStage(models.TextChoices):
    CHECKING = "checking", _("Đang kiểm tra")
    INVALID = "invalid", _("Có lỗi, chưa ghi gì")
    READY = "ready", _("Chờ xác nhận")
    WRITING = "writing", _("Đang ghi")
    WRITTEN = "written", _("Đã ghi xong")


def import_upload_to(instance, filename):
    return private_name("imports", filename)


class ImportJob(Job):
    """One uploaded workbook and its import (see the module)."""

    stage = models.CharField(
        _("bước"),
        max_length=16,
        choices=ImportStage.choices,
        default=ImportStage.CHECKING,
        db_index=True,
    )
    file = models.FileField(_("tệp Excel"), upload_to=import_upload_to, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    summary = models.JSONField(_("tóm tắt"), default=dict, blank=True)
    preview = models.JSONField(_("xem trước"), default=list, blank=True)
    created_by = user_reference(_("người tải lên"))
    confirmed_by = user_reference(_("người xác nhận"))
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)

    class Meta(Job.Meta):
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.original_name or f"#{self.pk}"

    @property
    def is_busy(self) -> bool:
        """Checking or writing, not finished yet."""
        return self.stage in (ImportStage.CHECKING, ImportStage.WRITING) and self.is_unfinished

    @property
    def hidden_errors(self) -> int:
        return max(self.error_count - len(self.errors), 0)
