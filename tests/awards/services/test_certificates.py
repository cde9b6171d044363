import datetime

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from awards.enums import RunState
from awards.models import CertificateRun
from awards.services.certificates import STUCK_AFTER, requeue_stuck_runs
from tests.factories import AwardDecisionFactory

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
