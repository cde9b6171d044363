"""The abstract job row (common.jobs.Job): states, liveness by one setting, the model checks."""

import datetime

import pytest
from django.db import models
from django.test.utils import isolate_apps
from django.utils import timezone

from awards.enums import RunState
from awards.models import CertificateRun
from campaign.enums import NoticeBatchState
from campaign.models import NoticeBatch
from common.enums import JobState
from common.jobs import Job, state_field
from tests.factories import AwardDecisionFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 9, 0))


def run_last_moved(seconds_ago, state=RunState.RUNNING):
    """An unsaved run whose heartbeat moved ``seconds_ago`` before NOW."""
    return CertificateRun(state=state, updated_at=NOW - datetime.timedelta(seconds=seconds_ago))


def test_the_liveness_settings_default_to_a_minute_running_and_fifteen_queued(settings):
    assert (settings.JOB_STALE_AFTER, settings.JOB_QUEUED_STALE_AFTER) == (60, 15 * 60)
    assert settings.JOB_HEARTBEAT_EVERY == 5


def test_a_silent_running_job_is_stale_from_the_configured_limit(settings):
    settings.JOB_STALE_AFTER = 60

    assert [run_last_moved(59).is_stale(NOW), run_last_moved(60).is_stale(NOW)] == [False, True]
    settings.JOB_STALE_AFTER = 3600
    assert run_last_moved(600).is_stale(NOW) is False


def test_a_pending_job_waits_the_queue_limit_before_it_is_stale(settings):
    settings.JOB_STALE_AFTER = 60
    settings.JOB_QUEUED_STALE_AFTER = 900

    assert [
        run_last_moved(899, RunState.PENDING).is_stale(NOW),
        run_last_moved(900, RunState.PENDING).is_stale(NOW),
    ] == [False, True]


def test_the_scratch_folder_is_named_for_the_row(settings, tmp_path):
    settings.JOB_SCRATCH_ROOT = tmp_path

    assert CertificateRun(pk=7).scratch_path() == tmp_path / "awards.certificaterun-7"


def test_a_finished_job_is_never_stale(settings):
    settings.JOB_STALE_AFTER = 60
    assert [run_last_moved(10**6, state).is_stale(NOW) for state in JobState] == [
        True,  # pending
        True,  # running
        False,  # done
        False,  # failed
    ]


def test_is_stale_without_now_reads_the_clock(settings):
    decision = AwardDecisionFactory()
    run = CertificateRun.objects.create(decision=decision, state=RunState.RUNNING)
    settings.JOB_STALE_AFTER = 3600
    assert run.is_stale() is False
    settings.JOB_STALE_AFTER = 0
    assert run.is_stale() is True


def test_the_stale_queryset_agrees_with_is_stale(settings):
    settings.JOB_STALE_AFTER = 600
    settings.JOB_QUEUED_STALE_AFTER = 900
    runs = {}
    for name, seconds, state in [
        ("silent", 900, RunState.RUNNING),
        ("waiting", 900, RunState.PENDING),
        ("queued", 600, RunState.PENDING),
        ("moving", 30, RunState.RUNNING),
        ("done", 900, RunState.DONE),
        ("failed", 900, RunState.FAILED),
    ]:
        run = CertificateRun.objects.create(decision=AwardDecisionFactory(), state=state)
        CertificateRun.objects.filter(pk=run.pk).update(
            updated_at=NOW - datetime.timedelta(seconds=seconds)
        )
        runs[name] = run.pk

    stale = set(CertificateRun.objects.stale(NOW).values_list("pk", flat=True))

    assert stale == {runs["silent"], runs["waiting"]}
    assert stale == {r.pk for r in CertificateRun.objects.all() if r.is_stale(NOW)}


def test_mark_failed_records_the_error_on_unfinished_rows_and_leaves_a_done_one():
    running, done = (
        CertificateRun.objects.create(decision=AwardDecisionFactory(), state=state)
        for state in (RunState.RUNNING, RunState.DONE)
    )

    count = CertificateRun.objects.all().mark_failed(ValueError("hết dung lượng"))

    running.refresh_from_db()
    done.refresh_from_db()
    assert count == 1
    assert (running.state, running.error) == (RunState.FAILED, "ValueError: hết dung lượng")
    assert running.finished_at is not None
    assert (done.state, done.error, done.finished_at) == (RunState.DONE, "", None)


def test_each_job_keeps_its_own_labels_over_the_common_values():
    assert RunState.values == NoticeBatchState.values == JobState.values
    assert CertificateRun(state=JobState.DONE).get_state_display() == "Hoàn tất"
    assert NoticeBatch(state=JobState.DONE).get_state_display() == "Đã tạo xong"
    assert CertificateRun._meta.get_field("state").default == JobState.PENDING


def test_progress_percent():
    assert [CertificateRun(done=d, total=t).percent for d, t in [(0, 0), (1, 3), (3, 3)]] == [
        0,
        33,
        100,
    ]


def test_progress_context_says_stopped_and_polling(settings):
    settings.JOB_STALE_AFTER = 60
    assert run_last_moved(59).progress_context(NOW) == {"stuck": False, "polling": True}
    assert run_last_moved(60).progress_context(NOW) == {"stuck": True, "polling": True}
    assert run_last_moved(10**6, RunState.DONE).progress_context(NOW) == {
        "stuck": False,
        "polling": False,
    }


def test_the_concrete_jobs_pass_the_job_checks():
    ids = [e.id for model in (CertificateRun, NoticeBatch) for e in model.check()]
    assert [i for i in ids if i.startswith("common.")] == []
    assert (CertificateRun.task_name, CertificateRun().task_kwargs()) == (
        "awards.render_certificates",
        {"run_id": None},
    )
    assert (NoticeBatch.task_name, NoticeBatch(pk=7).task_kwargs()) == (
        "campaign.render_notices",
        {"batch_id": 7},
    )


@isolate_apps("common")
def test_a_job_without_a_task_or_with_other_states_fails_the_checks():
    class OtherStates(models.TextChoices):
        WAITING = "waiting", "waiting"
        DONE = "done", "done"

    class Nameless(Job):
        state = state_field(OtherStates)

        class Meta:
            app_label = "common"

    errors = {e.id: e.msg for e in Nameless.check()}

    assert errors == {
        "common.E001": "common.Nameless inherits Job but names no task_name and task_argument.",
        "common.E002": (
            "common.Nameless.state stores ['waiting', 'done'], "
            "not the job states ['pending', 'running', 'done', 'failed']."
        ),
    }
