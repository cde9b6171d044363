"""Choices shared by every app.

:class:`JobState` is the life of a background job row (:class:`common.jobs.Job`):
``PENDING`` (recorded, waiting for a worker) → ``RUNNING`` → ``DONE`` or ``FAILED``.
A job's own choices (e.g. ``awards.enums.RunState``) may label the states in
its own words, but store exactly these values, so that the sweeper and
``Job.is_stale()`` read every kind of job alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn tất")
    FAILED = "failed", _("Lỗi")

    @classmethod
    def unfinished(cls) -> tuple["JobState", "JobState"]:
        """The states in which a job still waits for a worker or has one."""
        return (cls.PENDING, cls.RUNNING)
