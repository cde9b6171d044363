"""Running an import job (:class:`common.excel.jobs.ImportJob`): check, confirm, write.

The app brings an *importer* (``units.services.staff_import.StaffImporter``,
``awards.services.nomination_import.NominationImporter``): its ``columns``
(:class:`common.excel.imports.Column`), ``plan(job, result)`` (the domain checks:
it adds its errors to the read result and returns a :class:`Plan`),
``lock(job)`` (locks the rows that serialise two imports into the same place)
and ``write(job, plan, step)`` (writes the plan, calling ``step(n)`` as rows are
written).  This module owns the stages and their invariants:

* nothing is written unless the whole file is valid and someone confirmed it;
* writing reads and checks the file again inside the one transaction it writes
  in, after ``lock``: a row that another import wrote meanwhile is then "already
  there", never a duplicate, and an error that appeared meanwhile stops the
  whole write (the job goes back to INVALID with it);
* a stage runs once: CHECKING and WRITING are taken under the job's row lock,
  and a DONE step is not run again (a second delivery of the task is a no-op);
* small files (at most :data:`SYNC_ROWS` rows) are checked and written in the
  request; larger ones by the app's task, with progress and heartbeat.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.enums import JobState
from common.excel.imports import ExcelFileError, ReadResult, inspect_workbook, read_rows
from common.excel.jobs import ImportStage
from common.models import log_activity

from .jobs import beating

logger = logging.getLogger(__name__)

#: Files of at most this many rows are checked and written in the request.
SYNC_ROWS = 500
#: Rows shown on the confirmation page.
PREVIEW_ROWS = 200


@dataclass
class Plan:
    """What writing would do: ``items`` for the importer's ``write``, ``summary``
    counts by action, ``preview`` the rows the confirmation page shows."""

    items: list = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    preview: list = field(default_factory=list)

    def count(self, action: str) -> None:
        self.summary[action] = self.summary.get(action, 0) + 1

    def show(self, row_number: int, action: str, cells: list) -> None:
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append({"row": row_number, "action": action, "cells": cells})


class _Rollback(Exception):
    """Leaves the write transaction without writing (the file is no longer valid)."""

    def __init__(self, result):
        self.result = result


def is_small(job) -> bool:
    return job.row_count <= SYNC_ROWS


def count_rows(data: bytes) -> int:
    """Data rows of a checked upload (the header row left out); raises ExcelFileError."""
    return max(inspect_workbook(data) - 1, 0)


def _read(job, importer) -> tuple[ReadResult, Plan]:
    with job.file.open("rb") as handle:
        data = handle.read()
    result = read_rows(data, importer.columns)
    plan = importer.plan(job, result)
    return result, plan


def _errors(result) -> list:
    return [e.as_list() for e in sorted(result.errors, key=lambda e: (e.row or 0, e.column))]


def _claim(job, stage) -> bool:
    """Take the job's current step under its lock: RUNNING, if it is at ``stage`` and
    not DONE or taken by a live worker."""
    with transaction.atomic():
        locked = type(job).objects.select_for_update().get(pk=job.pk)
        if locked.stage != stage or locked.state == JobState.DONE:
            return False
        if locked.state == JobState.RUNNING and not locked.is_stale():
            return False
        locked.state = JobState.RUNNING
        locked.started_at = locked.started_at or timezone.now()
        locked.error = ""
        locked.done = 0
        locked.save(update_fields=["state", "started_at", "error", "done", "updated_at"])
    return True


def _fail(job, error) -> None:
    type(job).objects.filter(pk=job.pk).mark_failed(error)


def check_import(job, importer, *, reraise=True):
    """Read and check the file of a CHECKING job: INVALID with its errors, or READY with
    its plan's summary and preview.  Writes nothing but the job row.  An unexpected error
    marks the job FAILED (its page shows it) and is raised again for a worker's log, or,
    with ``reraise=False`` (in a request), only logged."""
    if not _claim(job, ImportStage.CHECKING):
        job.refresh_from_db()
        return job
    try:
        with beating(job):
            try:
                result, plan = _read(job, importer)
            except ExcelFileError as error:
                result, plan = ReadResult(), Plan()
                for message in error.messages:
                    result.error(None, "", message)
        _finish_check(job, result, plan)
    except Exception as error:
        _fail(job, error)
        if reraise:
            raise
        logger.exception("Import %s %s failed while checking.", job._meta.label, job.pk)
    job.refresh_from_db()
    return job


def _finish_check(job, result, plan) -> None:
    errors = _errors(result)
    type(job).objects.filter(pk=job.pk).update(
        stage=ImportStage.INVALID if errors else ImportStage.READY,
        state=JobState.DONE,
        errors=errors[:1000],
        error_count=len(errors),
        summary=plan.summary if not errors else {},
        preview=plan.preview if not errors else [],
        row_count=len(result.rows) or job.row_count,
        total=len(result.rows),
        done=len(result.rows),
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def confirm_import(job, *, by, allowed, enqueue, refused):
    """Confirm a READY job (``allowed(by, locked job)`` asked under its lock, else
    ``refused(message)`` is raised): it goes to WRITING, and a large file is handed to
    ``enqueue(job)`` (sent after commit); the caller writes a small one at once
    (:func:`write_import`).  Returns the job."""
    with transaction.atomic():
        locked = type(job).objects.select_for_update().get(pk=job.pk)
        if not allowed(by, locked):
            raise refused(_("Bạn không có quyền nhập danh sách vào đơn vị này."))
        if locked.stage != ImportStage.READY:
            raise refused(
                _("Tệp này không còn chờ xác nhận (hiện ở bước “%(stage)s”).")
                % {"stage": locked.get_stage_display()}
            )
        locked.stage = ImportStage.WRITING
        locked.state = JobState.PENDING
        locked.done = 0
        locked.confirmed_by = by
        locked.confirmed_at = timezone.now()
        locked.finished_at = None
        locked.save(
            update_fields=[
                "stage",
                "state",
                "done",
                "confirmed_by",
                "confirmed_at",
                "finished_at",
                "updated_at",
            ]
        )
        if not is_small(locked):
            enqueue(locked)
    return locked


def can_retry(job) -> bool:
    """A step that failed, or whose worker went silent (``job.is_stale()``), may be run again."""
    return job.stage in (ImportStage.CHECKING, ImportStage.WRITING) and (
        job.state == JobState.FAILED or job.is_stale()
    )


def retry_import(job, *, by, allowed, enqueue, refused):
    """Run a failed or silent step again (``allowed(by, locked job)`` asked under its lock,
    else ``refused(message)``): PENDING, and handed to ``enqueue(job)`` for a large file;
    the caller runs a small one at once (:func:`run_import`).  Returns the job."""
    with transaction.atomic():
        locked = type(job).objects.select_for_update().get(pk=job.pk)
        if not allowed(by, locked):
            raise refused(_("Bạn không có quyền nhập danh sách vào đơn vị này."))
        if not can_retry(locked):
            raise refused(_("Việc nhập tệp này không bị lỗi hay dừng: không cần chạy lại."))
        locked.state = JobState.PENDING
        locked.error = ""
        locked.finished_at = None
        locked.save(update_fields=["state", "error", "finished_at", "updated_at"])
        if not is_small(locked):
            enqueue(locked)
    return locked


def write_import(job, importer, *, action, reraise=True):
    """Write a WRITING job in one transaction (see the module); log ``action`` on it.
    An unexpected error rolls the write back and marks the job FAILED (``reraise`` as
    for :func:`check_import`)."""
    if not _claim(job, ImportStage.WRITING):
        job.refresh_from_db()
        return job
    job.refresh_from_db()
    written = {"rows": 0}

    def step(count=1):
        written["rows"] += count

    try:
        with beating(job, progress=lambda: written["rows"]):
            try:
                with transaction.atomic():
                    importer.lock(job)
                    try:
                        result, plan = _read(job, importer)
                    except ExcelFileError as error:
                        result = ReadResult()
                        for message in error.messages:
                            result.error(None, "", message)
                        raise _Rollback(result) from None
                    if result.errors:
                        raise _Rollback(result)
                    importer.write(job, plan, step)
                    _finish_write(job, plan, action)
            except _Rollback as rollback:
                _back_to_invalid(job, rollback.result)
    except Exception as error:
        _fail(job, error)
        if reraise:
            raise
        logger.exception("Import %s %s failed while writing.", job._meta.label, job.pk)
    job.refresh_from_db()
    return job


def _finish_write(job, plan, action) -> None:
    now = timezone.now()
    type(job).objects.filter(pk=job.pk).update(
        stage=ImportStage.WRITTEN,
        state=JobState.DONE,
        summary=plan.summary,
        done=job.total,
        finished_at=now,
        updated_at=now,
    )
    log_activity(
        job,
        action,
        actor=job.confirmed_by,
        previous_state=ImportStage.WRITING,
        new_state=ImportStage.WRITTEN,
        note=_("Nhập %(rows)s dòng từ tệp “%(name)s”.")
        % {"rows": job.total, "name": job.original_name},
        data=plan.summary,
    )


def _back_to_invalid(job, result) -> None:
    errors = _errors(result)
    type(job).objects.filter(pk=job.pk).update(
        stage=ImportStage.INVALID,
        state=JobState.DONE,
        errors=errors[:1000],
        error_count=len(errors),
        summary={},
        preview=[],
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def run_import(job, importer, *, action, reraise=True):
    """What a worker does with a job row (first delivery, redelivery or sweep), or a
    retry in the request: the step its stage waits for, if any."""
    if job.stage == ImportStage.CHECKING:
        return check_import(job, importer, reraise=reraise)
    if job.stage == ImportStage.WRITING:
        return write_import(job, importer, action=action, reraise=reraise)
    return job
