"""Keeping job rows honest: the heartbeat of a working job, its scratch folder, and the sweeper.

* :func:`beating` moves a RUNNING row's heartbeat (``updated_at``) every
  ``settings.JOB_HEARTBEAT_EVERY`` seconds from a timer thread while the job
  works, however long one step takes; when the worker dies the timer dies with
  it, and the row turns stale (:meth:`Job.is_stale`) a minute later.
* :func:`scratch_folder` gives a job its temporary folder
  (:meth:`Job.scratch_path`), emptied first (what a killed worker left) and
  removed at the end.
* Beat runs :func:`requeue_stale_jobs` (task ``common.requeue_stale_jobs``)
  every minute.  It finds the concrete Job models through the app registry, so
  a new kind of job is swept as soon as it inherits Job, removes each stale
  row's scratch folder and queues the row again on the task the model names.
  The tasks resume from their rows, so a row that was merely slow costs a
  second delivery's time, not correctness.
"""

import contextlib
import logging
import shutil
import threading

from django.apps import apps
from django.db import connections
from django.utils import timezone

from ..enums import JobState
from ..jobs import Job, heartbeat_every
from .outbox import task_named

logger = logging.getLogger(__name__)


def job_models() -> list[type[Job]]:
    """Every installed concrete model that inherits :class:`Job`."""
    return [model for model in apps.get_models() if issubclass(model, Job)]


def job_task(model: type[Job]):
    """The Celery task that runs rows of ``model``, found by the name the model gives."""
    return task_named(model.task_name)


def beat(job, done=None) -> bool:
    """Move ``job``'s heartbeat now if it is still RUNNING (and its ``done`` count, when
    given); False if it is not."""
    values = {"updated_at": timezone.now()}
    if done is not None:
        values["done"] = done
    return bool(type(job).objects.filter(pk=job.pk, state=JobState.RUNNING).update(**values))


@contextlib.contextmanager
def beating(job, every=None, progress=None):
    """While the block runs, beat for ``job`` every ``every`` seconds (a daemon thread).

    The thread has its own database connection, closed when it ends; an error
    in it is logged and ends the beating, never the job.  ``progress`` (optional, a
    function returning the number done) is written with each beat: the progress of
    work done inside one transaction, which the job's own connection cannot show
    before it commits.
    """
    every = heartbeat_every() if every is None else every
    stop = threading.Event()

    def run():
        try:
            while not stop.wait(every):
                beat(job, progress() if progress is not None else None)
        except Exception:
            logger.warning(
                "The heartbeat of %s %s stopped.", job._meta.label, job.pk, exc_info=True
            )
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=run, name=f"heartbeat-{job._meta.label_lower}-{job.pk}")
    thread.daemon = True
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def remove_scratch(job) -> bool:
    """Remove ``job``'s scratch folder; True if there was one."""
    path = job.scratch_path()
    if not path.exists():
        return False
    shutil.rmtree(path, ignore_errors=True)
    return True


@contextlib.contextmanager
def scratch_folder(job):
    """``job``'s scratch folder, empty, for the block; removed after it, however it ends."""
    path = job.scratch_path()
    remove_scratch(job)  # what a killed worker left behind
    path.mkdir(parents=True)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def requeued(rows, now) -> int:
    """Put ``rows`` back in the queue's hands: PENDING, heartbeat ``now``; returns how many."""
    return rows.update(state=JobState.PENDING, updated_at=now)


def requeue_stale_jobs(*, now=None) -> dict[str, list[int]]:
    """Queue again every stale job row; returns the ids queued per model label.

    Each row is put back to PENDING with its heartbeat touched as it is
    queued, so the next sweeps leave it alone for ``JOB_QUEUED_STALE_AFTER``
    (the new delivery's time to reach a worker) instead of queuing it again
    every minute.  The message goes through the task outbox, so a broker that
    is down loses nothing.
    """
    now = now or timezone.now()
    queued = {}
    for model in job_models():
        task = job_task(model)
        ids = list(model.objects.stale(now).order_by("pk").values_list("pk", flat=True))
        # Only the rows still stale: one that moved meanwhile has its worker back.
        ids = [pk for pk in ids if requeued(model.objects.stale(now).filter(pk=pk), now)]
        for pk in ids:
            remove_scratch(model(pk=pk))
            task.delay(**{model.task_argument: pk})
        queued[model._meta.label_lower] = ids
    return queued
