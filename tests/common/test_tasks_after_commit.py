"""The after-commit task base class, and which tasks use it; the job sweep on beat's schedule.

Celery runs eagerly here, so a message "sent" runs the task at once in this process:
what a task recorded shows whether, and when, its message left.
"""

import pytest
from celery.result import EagerResult
from django.db import transaction
from django_celery_beat.models import PeriodicTask

from awards import tasks as awards_tasks
from campaign import tasks as campaign_tasks
from common import tasks as common_tasks
from common.tasks import AfterCommitTask

from .conftest import RAN, record

pytestmark = [pytest.mark.unit, pytest.mark.django_db, pytest.mark.usefixtures("nothing_ran_yet")]


def test_delay_inside_a_transaction_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            assert record.delay(value=1) is None
            assert record.apply_async(kwargs={"value": 2}) is None
            assert RAN == []  # not sent while the transaction is open
        assert RAN == []  # the test's own transaction is still open, too

    assert len(callbacks) == 2
    assert RAN == [1, 2]


def test_delay_in_a_transaction_rolled_back_is_never_sent(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="rolled back"),
        transaction.atomic(),
    ):
        record.delay(value=1)
        raise RuntimeError("rolled back")

    assert (callbacks, RAN) == ([], [])


@pytest.mark.django_db(transaction=True)
def test_delay_outside_a_transaction_is_sent_at_once():
    result = record.delay(value=3)

    assert isinstance(result, EagerResult)
    assert (result.get(), RAN) == (3, [3])


def test_the_tasks_that_follow_a_committed_change_are_after_commit_tasks():
    tasks = [
        awards_tasks.notify_nomination_change,
        awards_tasks.notify_nomination_changes,
        awards_tasks.render_certificates,
        campaign_tasks.render_notices,
        campaign_tasks.build_review,
    ]
    sent_at_once = [  # beat's tasks and the mail task, as before; the outbox defers its own
        common_tasks.send_email,
        common_tasks.send_digests,
        common_tasks.publish_outbox,
        common_tasks.requeue_stale_jobs,
        campaign_tasks.run_reminder_rule,
        campaign_tasks.deliver_reminders,
        campaign_tasks.sweep_reminder_outbox,
    ]
    assert [isinstance(task, AfterCommitTask) for task in tasks] == [True] * 5
    assert [isinstance(task, AfterCommitTask) for task in sent_at_once] == [False] * 7


def test_one_beat_sweep_of_every_job_replaces_the_sweeps_of_one_kind():
    task = PeriodicTask.objects.get(task="common.requeue_stale_jobs")

    assert task.enabled and (task.interval.every, task.interval.period) == (1, "minutes")
    assert not PeriodicTask.objects.filter(
        task__in=["awards.requeue_stuck_certificate_runs", "campaign.requeue_stale_notice_batches"]
    ).exists()


def test_beat_publishes_the_task_outbox_every_minute():
    task = PeriodicTask.objects.get(task="common.publish_outbox")

    assert task.enabled and (task.interval.every, task.interval.period) == (1, "minutes")


def test_the_sweep_task_returns_what_it_queued():
    assert common_tasks.requeue_stale_jobs.apply().get() == {
        "awards.centralpackage": [],
        "awards.certificaterun": [],
        "campaign.campaignreview": [],
        "campaign.launchrun": [],
        "awards.nominationimport": [],
        "campaign.noticebatch": [],
        "units.staffimport": [],
    }
