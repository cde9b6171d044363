"""Starting a certificate run: the row first, the rendering task once it is committed."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from awards.enums import RunState
from awards.models import CertificateRun
from awards.services.certificates import start_run
from common.services.jobs import requeue_stale_jobs
from tests.factories import AwardDecisionFactory, RecipientFactory

pytestmark = pytest.mark.django_db


def queued_runs(callbacks):
    """The run ids handed to ``awards.render_certificates`` by these after-commit callbacks."""
    return [
        callback.args[1]["run_id"]
        for callback in callbacks
        if callback.func.__self__.name == "awards.render_certificates"
    ]


def test_start_run_records_a_pending_run_and_queues_it_only_on_commit(
    staff_user, django_capture_on_commit_callbacks
):
    decision = AwardDecisionFactory()
    RecipientFactory.create_batch(2, decision=decision)

    with django_capture_on_commit_callbacks() as callbacks:
        run = start_run(decision, by=staff_user)

    assert (run.state, run.total, run.done, run.requested_by) == (
        RunState.PENDING,
        2,
        0,
        staff_user,
    )
    assert queued_runs(callbacks) == [run.pk]


def test_a_run_rolled_back_is_never_queued(django_capture_on_commit_callbacks):
    decision = AwardDecisionFactory()

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError, match="refused"),
        transaction.atomic(),
    ):
        start_run(decision)
        raise RuntimeError("refused")

    assert callbacks == []
    assert not CertificateRun.objects.exists()


def test_the_common_sweep_queues_silent_unfinished_runs_only(
    settings, django_capture_on_commit_callbacks
):
    now = timezone.now()

    def run_silent_for(seconds, state):
        run = CertificateRun.objects.create(decision=AwardDecisionFactory(), state=state)
        CertificateRun.objects.filter(pk=run.pk).update(
            updated_at=now - datetime.timedelta(seconds=seconds)
        )
        return run

    long_ago = settings.JOB_STALE_AFTER + 60
    stuck_running = run_silent_for(long_ago, RunState.RUNNING)
    stuck_pending = run_silent_for(long_ago, RunState.PENDING)
    run_silent_for(120, RunState.RUNNING)  # still moving
    run_silent_for(long_ago, RunState.DONE)
    run_silent_for(long_ago, RunState.FAILED)  # staff decide to retry a failure

    with django_capture_on_commit_callbacks() as callbacks:
        queued = requeue_stale_jobs(now=now)

    expected = sorted([stuck_running.pk, stuck_pending.pk])
    assert queued["awards.certificaterun"] == expected
    assert sorted(queued_runs(callbacks)) == expected
