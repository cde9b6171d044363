import datetime

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from awards.enums import DecisionState, RunState
from awards.models import CertificateRun
from awards.services.certificates import (
    STUCK_AFTER,
    CertificateError,
    requeue_stuck_runs,
    start_run,
)
from tests.factories import (
    AwardDecisionFactory,
    CouncilMembershipFactory,
    OfficerMembershipFactory,
    RecipientFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def run_silent_for(delta, state):
    run = CertificateRun.objects.create(decision=AwardDecisionFactory(), state=state)
    CertificateRun.objects.filter(pk=run.pk).update(updated_at=timezone.now() - delta)
    return run


def test_only_silent_unfinished_runs_are_queued_again(monkeypatch):
    queued = []
    from awards import tasks

    monkeypatch.setattr(tasks.render_certificates, "delay", lambda **kw: queued.append(kw))
    long_ago = STUCK_AFTER + datetime.timedelta(minutes=1)
    stuck_running = run_silent_for(long_ago, RunState.RUNNING)
    stuck_pending = run_silent_for(long_ago, RunState.PENDING)
    run_silent_for(datetime.timedelta(minutes=2), RunState.RUNNING)  # still moving
    run_silent_for(long_ago, RunState.DONE)
    run_silent_for(long_ago, RunState.FAILED)  # staff decide to retry a failure

    assert sorted(requeue_stuck_runs()) == sorted([stuck_running.pk, stuck_pending.pk])
    assert sorted(q["run_id"] for q in queued) == sorted([stuck_running.pk, stuck_pending.pk])


def test_beat_runs_the_sweep():
    task = PeriodicTask.objects.get(task="awards.requeue_stuck_certificate_runs")
    assert task.enabled and (task.interval.every, task.interval.period) == (5, "minutes")


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
