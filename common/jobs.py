"""The job row: one abstract model under every piece of background work that a user waits for.

A concrete job (``awards.CertificateRun``, ``campaign.NoticeBatch``, and the
report, import and minutes jobs to come) inherits :class:`Job` and so has:

* ``state`` — :class:`~common.enums.JobState` values (a job may label them in
  its own words with choices of the same values, through :func:`state_field`);
* ``done`` / ``total`` — its progress, for the progress bar;
* ``error`` — what went wrong when it FAILED;
* ``started_at`` / ``finished_at``;
* ``updated_at`` — the heartbeat: the worker moves it with every step it saves,
  and a timer moves it every ``settings.JOB_HEARTBEAT_EVERY`` seconds while
  the job works (:func:`common.services.jobs.beating`).

The row, not the broker, is the truth.  A RUNNING job whose heartbeat has not
moved for ``settings.JOB_STALE_AFTER`` seconds (a minute) has lost its worker;
a PENDING one, which waits in the broker's queue and has no worker to beat
yet, counts as lost after ``settings.JOB_QUEUED_STALE_AFTER``
(:meth:`Job.is_stale`, the only measure of liveness).  A stale job is shown as
stopped, staff may resume it at once, and the sweeper
(:func:`common.services.jobs.requeue_stale_jobs`) gives such rows to a worker
again.  A job therefore names the task that runs it, by name
(:attr:`Job.task_name`, called with ``{task_argument: pk}``), so that models
never import tasks, and its task must resume from the rows when delivered twice.
Its temporary files live in :meth:`Job.scratch_path`, one folder per row, which
a resume and the sweeper remove when the worker that made it is gone.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import JobState
from .models import TimeStampedModel


def stale_after() -> datetime.timedelta:
    """How long a RUNNING job may stay silent before it counts as lost."""
    return datetime.timedelta(seconds=settings.JOB_STALE_AFTER)


def queued_stale_after() -> datetime.timedelta:
    """How long a PENDING job may wait for a worker before it counts as lost."""
    return datetime.timedelta(
        seconds=max(settings.JOB_QUEUED_STALE_AFTER, settings.JOB_STALE_AFTER)
    )


def heartbeat_every() -> float:
    """Seconds between two heartbeats of a working job."""
    return settings.JOB_HEARTBEAT_EVERY


def state_field(choices=JobState):
    """A job's ``state`` column, labelled by ``choices`` (the values of :class:`JobState`)."""
    return models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=choices.choices,
        default=JobState.PENDING,
        db_index=True,
    )


class JobQuerySet(models.QuerySet):
    def mark_failed(self, error: BaseException) -> int:
        """Record ``error`` on these rows and mark them FAILED, finished now; a DONE row
        keeps its state (the work finished before the error came)."""
        now = timezone.now()
        return self.exclude(state=JobState.DONE).update(
            state=JobState.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=now,
            updated_at=now,
        )

    def unfinished(self):
        return self.filter(state__in=JobState.unfinished())

    def stale(self, now=None):
        """The rows :meth:`Job.is_stale` answers yes for, at ``now``."""
        now = now or timezone.now()
        return self.filter(
            models.Q(state=JobState.RUNNING, updated_at__lte=now - stale_after())
            | models.Q(state=JobState.PENDING, updated_at__lte=now - queued_stale_after())
        )


class Job(TimeStampedModel):
    """A unit of background work with its state, progress and heartbeat (see the module)."""

    #: The Celery task that runs one row ("app.verb_noun"), by name.
    task_name: str = ""
    #: The keyword argument that carries the row's id to that task.
    task_argument: str = ""

    state = state_field()
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_unfinished(self) -> bool:
        return self.state in JobState.unfinished()

    def is_stale(self, now=None) -> bool:
        """RUNNING and silent for ``JOB_STALE_AFTER`` (or PENDING for
        ``JOB_QUEUED_STALE_AFTER``): its worker is gone."""
        limit = {JobState.RUNNING: stale_after(), JobState.PENDING: queued_stale_after()}
        if self.state not in limit:
            return False
        return (now or timezone.now()) - self.updated_at >= limit[self.state]

    def scratch_path(self) -> Path:
        """The folder of this row's temporary files (``JOB_SCRATCH_ROOT/<app.model>-<pk>``)."""
        return Path(settings.JOB_SCRATCH_ROOT) / f"{self._meta.label_lower}-{self.pk}"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    def progress_context(self, now=None) -> dict:
        """What ``common/_job_progress.html`` and its page need besides the row: whether
        the job is stopped (stale) and whether the page keeps polling (unfinished)."""
        return {"stuck": self.is_stale(now), "polling": self.is_unfinished}

    def task_kwargs(self) -> dict:
        """What the job's task is called with for this row."""
        return {self.task_argument: self.pk}

    @classmethod
    def check(cls, **kwargs):
        errors = super().check(**kwargs)
        if not (cls.task_name and cls.task_argument):
            errors.append(
                checks.Error(
                    f"{cls._meta.label} inherits Job but names no task_name and task_argument.",
                    obj=cls,
                    id="common.E001",
                )
            )
        values = [value for value, _label in cls._meta.get_field("state").choices]
        if sorted(values) != sorted(JobState.values):
            errors.append(
                checks.Error(
                    f"{cls._meta.label}.state stores {values}, not the job states "
                    f"{JobState.values}.",
                    obj=cls,
                    id="common.E002",
                )
            )
        return errors
