"""Starting a certificate run: the row first, the rendering task once it is committed."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from awards.enums import DecisionState, RunState
from awards.models import CertificateRun
from awards.services.certificates import CertificateError, start_run
from common.services.jobs import requeue_stale_jobs
from tests.factories import (
    AwardDecisionFactory,
    CouncilMembershipFactory,
    OfficerMembershipFactory,
    RecipientFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def queued_runs(callbacks):
    """The run ids these after-commit callbacks publish to ``awards.render_certificates``
    (each publishes one task outbox row)."""
    messages = [callback.args[0] for callback in callbacks]
    return [m.kwargs["run_id"] for m in messages if m.task_name == "awards.render_certificates"]


def test_start_run_records_a_pending_run_and_queues_it_only_on_commit(
    staff_user, django_capture_on_commit_callbacks
):
    decision = AwardDecisionFactory(state=DecisionState.ISSUED, number=3)
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


def test_a_run_rolled_back_is_never_queued(staff_user, django_capture_on_commit_callbacks):
    decision = AwardDecisionFactory(state=DecisionState.ISSUED, number=3)

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError, match="refused"),
        transaction.atomic(),
    ):
        start_run(decision, by=staff_user)
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

    settings.JOB_STALE_AFTER = 60
    settings.JOB_QUEUED_STALE_AFTER = 900
    long_ago = 1000
    stuck_running = run_silent_for(long_ago, RunState.RUNNING)
    stuck_pending = run_silent_for(long_ago, RunState.PENDING)
    run_silent_for(30, RunState.RUNNING)  # still beating
    run_silent_for(120, RunState.PENDING)  # waiting in the queue
    run_silent_for(long_ago, RunState.DONE)
    run_silent_for(long_ago, RunState.FAILED)  # staff decide to retry a failure

    with django_capture_on_commit_callbacks() as callbacks:
        queued = requeue_stale_jobs(now=now)

    expected = sorted([stuck_running.pk, stuck_pending.pk])
    assert queued["awards.certificaterun"] == expected
    assert sorted(queued_runs(callbacks)) == expected


# --- Who starts a run ----------------------------------------------------------------------


def test_staff_start_a_run_for_an_issued_decision(staff_user):
    decision = AwardDecisionFactory(state=DecisionState.ISSUED, number=3)
    RecipientFactory(decision=decision)

    run = start_run(decision, by=staff_user)

    assert (run.decision, run.state, run.total, run.requested_by) == (
        decision,
        RunState.PENDING,
        1,
        staff_user,
    )


@pytest.mark.parametrize("role", ["officer", "council member"])
def test_a_non_staff_user_cannot_start_a_run(role):
    decision = AwardDecisionFactory(state=DecisionState.ISSUED, number=3)
    line = RecipientFactory(decision=decision)
    if role == "officer":
        user = OfficerMembershipFactory(unit=line.individual.unit).user
    else:
        user = CouncilMembershipFactory().user

    with pytest.raises(CertificateError, match="không có quyền tạo bằng"):
        start_run(decision, by=user)

    assert CertificateRun.objects.count() == 0


def test_no_run_for_a_draft_even_for_staff(staff_user):
    decision = AwardDecisionFactory()
    with pytest.raises(CertificateError, match="đã ban hành"):
        start_run(decision, by=staff_user)
    assert CertificateRun.objects.count() == 0
