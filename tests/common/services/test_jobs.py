"""The one sweeper of job rows: every kind of Job, stale rows only, each on its own task."""

import datetime
import time

import pytest
from django.utils import timezone

from awards.enums import RunState
from awards.models import CertificateRun
from campaign.enums import NoticeBatchState
from campaign.models import LaunchRun, NoticeBatch
from common.models import OutboxMessage
from common.services.jobs import (
    beating,
    job_models,
    job_task,
    requeue_stale_jobs,
    scratch_folder,
)
from tests.factories import AwardDecisionFactory, CampaignFactory, UnitFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 9, 0))


def silent_for(row, seconds):
    type(row).objects.filter(pk=row.pk).update(updated_at=NOW - datetime.timedelta(seconds=seconds))
    return row


def run(state, seconds):
    return silent_for(
        CertificateRun.objects.create(decision=AwardDecisionFactory(), state=state), seconds
    )


def batch(state, seconds):
    campaign = CampaignFactory()
    row = NoticeBatch.objects.create(
        campaign=campaign,
        issuer=campaign.issuing_unit,
        place="Bến Tre",
        date=NOW.date(),
        signer_name="Trần Minh Hiển",
        signer_title="Phó Chủ tịch",
        state=state,
    )
    return silent_for(row, seconds)


def sent():
    """(task name, keyword arguments) of each message recorded in the task outbox."""
    messages = OutboxMessage.objects.values_list("task_name", "kwargs")
    return sorted(messages, key=lambda message: (message[0], sorted(message[1].items())))


def test_every_concrete_job_model_is_found():
    assert sorted(model._meta.label for model in job_models()) == [
        "awards.CentralPackage",
        "awards.CertificateRun",
        "awards.NominationImport",
        "campaign.CampaignReview",
        "campaign.LaunchRun",
        "campaign.NoticeBatch",
        "units.StaffImport",
    ]
    assert job_task(CertificateRun).name == "awards.render_certificates"
    assert job_task(LaunchRun).name == "campaign.run_launch"
    assert job_task(NoticeBatch).name == "campaign.render_notices"


def test_stale_rows_of_both_kinds_are_queued_again_and_no_others(
    settings, django_capture_on_commit_callbacks
):
    settings.JOB_STALE_AFTER = 60
    settings.JOB_QUEUED_STALE_AFTER = 900
    silent_run = run(RunState.RUNNING, 60)
    waiting_run = run(RunState.PENDING, 900)
    run(RunState.RUNNING, 59)  # still beating
    run(RunState.PENDING, 899)  # waiting in the broker's queue
    run(RunState.DONE, 10_000)
    run(RunState.FAILED, 10_000)  # staff decide whether to retry a failure
    silent_batch = batch(NoticeBatchState.RUNNING, 5000)
    batch(NoticeBatchState.PENDING, 10)
    batch(NoticeBatchState.DONE, 10_000)

    with django_capture_on_commit_callbacks():
        queued = requeue_stale_jobs(now=NOW)

    assert queued == {
        "awards.centralpackage": [],
        "awards.certificaterun": sorted([silent_run.pk, waiting_run.pk]),
        "campaign.campaignreview": [],
        "campaign.launchrun": [],
        "awards.nominationimport": [],
        "campaign.noticebatch": [silent_batch.pk],
        "units.staffimport": [],
    }
    first, second = sorted([silent_run.pk, waiting_run.pk])
    assert sent() == [
        ("awards.render_certificates", {"run_id": first}),
        ("awards.render_certificates", {"run_id": second}),
        ("campaign.render_notices", {"batch_id": silent_batch.pk}),
    ]
    # Back in the queue's hands, with the heartbeat touched.
    silent_run.refresh_from_db()
    assert (silent_run.state, silent_run.updated_at) == (RunState.PENDING, NOW)


def test_a_row_queued_again_waits_the_queue_period_before_the_next_try(
    settings, django_capture_on_commit_callbacks
):
    settings.JOB_STALE_AFTER = 60
    settings.JOB_QUEUED_STALE_AFTER = 900
    silent = run(RunState.RUNNING, 1000)

    with django_capture_on_commit_callbacks():
        first = requeue_stale_jobs(now=NOW)
    soon = requeue_stale_jobs(now=NOW + datetime.timedelta(seconds=899))
    with django_capture_on_commit_callbacks():
        later = requeue_stale_jobs(now=NOW + datetime.timedelta(seconds=900))

    assert [first["awards.certificaterun"], soon["awards.certificaterun"]] == [[silent.pk], []]
    assert later["awards.certificaterun"] == [silent.pk]
    assert sent() == [("awards.render_certificates", {"run_id": silent.pk})] * 2


def test_nothing_stale_queues_nothing(django_capture_on_commit_callbacks):
    run(RunState.RUNNING, 0)
    UnitFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        queued = requeue_stale_jobs(now=NOW)

    assert queued == {
        "awards.centralpackage": [],
        "awards.certificaterun": [],
        "campaign.campaignreview": [],
        "campaign.launchrun": [],
        "awards.nominationimport": [],
        "campaign.noticebatch": [],
        "units.staffimport": [],
    }
    assert (callbacks, sent()) == ([], [])


def test_the_sweep_removes_the_scratch_folder_a_killed_worker_left(settings, tmp_path):
    settings.JOB_SCRATCH_ROOT = tmp_path
    silent = run(RunState.RUNNING, 10_000)
    alive = run(RunState.RUNNING, 0)
    for row in (silent, alive):
        row.scratch_path().mkdir()
        (row.scratch_path() / "chunk-00000.pdf").write_bytes(b"%PDF")

    requeue_stale_jobs(now=NOW)

    assert sorted(p.name for p in tmp_path.iterdir()) == [f"awards.certificaterun-{alive.pk}"]


@pytest.mark.django_db(transaction=True)
def test_a_working_job_beats_on_a_timer_and_stops_when_the_work_ends():
    silent = run(RunState.RUNNING, 10_000)
    long_ago = CertificateRun.objects.get(pk=silent.pk).updated_at

    with beating(silent, every=0.05):
        time.sleep(0.5)  # one long step: no progress saved meanwhile
        during = CertificateRun.objects.get(pk=silent.pk).updated_at
    after = CertificateRun.objects.get(pk=silent.pk).updated_at
    time.sleep(0.2)

    assert during > long_ago and timezone.now() - during < datetime.timedelta(seconds=1)
    assert CertificateRun.objects.get(pk=silent.pk).updated_at == after
    assert not CertificateRun.objects.get(pk=silent.pk).is_stale()


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_writes_the_progress_it_is_given():
    working = run(RunState.RUNNING, 10)
    counted = {"done": 0}

    with beating(working, every=0.05, progress=lambda: counted["done"]):
        counted["done"] = 37
        time.sleep(0.3)

    assert CertificateRun.objects.get(pk=working.pk).done == 37


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_does_not_revive_a_finished_job():
    finished = run(RunState.DONE, 10_000)
    long_ago = CertificateRun.objects.get(pk=finished.pk).updated_at

    with beating(finished, every=0.05):
        time.sleep(0.3)

    assert CertificateRun.objects.get(pk=finished.pk).updated_at == long_ago


def test_a_scratch_folder_is_emptied_first_and_removed_after(settings, tmp_path):
    settings.JOB_SCRATCH_ROOT = tmp_path
    job = run(RunState.RUNNING, 0)
    job.scratch_path().mkdir()
    (job.scratch_path() / "left-by-a-killed-worker.pdf").write_bytes(b"%PDF")

    with pytest.raises(RuntimeError, match="render failed"), scratch_folder(job) as folder:
        assert list(folder.iterdir()) == []
        (folder / "chunk-00000.pdf").write_bytes(b"%PDF")
        raise RuntimeError("render failed")

    assert list(tmp_path.iterdir()) == []
