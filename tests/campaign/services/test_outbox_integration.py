"""Reminder emails through real Celery worker processes on a real Redis: each sent once.

The issue's promises, tested with processes killed and a broker that goes away:

* a delivery task redelivered after its worker was killed sends nothing twice
  (the pool process killed: Celery redelivers the task at once; the whole
  worker killed: the outbox sweep hands the rows to a new worker);
* reminders written while the broker is unreachable, or lost when Redis
  restarts empty, are sent once it is back, by the sweep.

Each test runs a ``redis-server`` of its own (so it can stop and restart it,
and nothing is left behind on the shared one) and ``celery worker``
subprocesses on the test database, so the database must be one another
process can open: PostgreSQL (CI) or an SQLite file.  The workers' mail backend
records each message's Message-ID (tests/support/mail.py); that record is
what "sent once" is checked against.  Run only with ``REDIS_URL`` set, as in CI.
"""

import os
import shutil
import signal
import time
from collections import Counter
from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from campaign.enums import ReminderKind, ReminderState
from campaign.models import Reminder, ReminderRule
from campaign.services.outbox import LEASE, REQUEUE_AFTER, sweep
from campaign.services.reminders import compose_reminders
from tests.factories import CampaignFactory, OfficerMembershipFactory, UnitFactory
from tests.support.broker import publishing_to
from tests.support.mail import read_records, stall_marker
from tests.support.processes import wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI)"),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
    pytest.mark.django_db(transaction=True),
]

#: one delivery task (BATCH_SIZE is 200)
COUNT = 30
#: the worker's SMTP "server" takes this long per message
DELAY = 0.05
#: the first worker hangs in the middle of the message after this many, to be killed there
STALL_AFTER = 10
TIMEOUT = 30


@pytest.fixture
def mail_log(tmp_path):
    return tmp_path / "sent.log"


@pytest.fixture
def start_worker(make_worker, mail_log):
    """Start ``celery worker`` processes whose mail server takes ``DELAY`` a message and,
    with ``stall_after``, hangs in the middle of a message after that many."""

    def start(*, stall_after=0):
        worker = make_worker(
            RECORDING_EMAIL_FILE=str(mail_log),
            RECORDING_EMAIL_DELAY=str(DELAY),
            RECORDING_EMAIL_STALL_AFTER=str(stall_after),
        )
        return worker.start(timeout=TIMEOUT)

    return start


def thirty_units_before_their_deadline() -> ReminderRule:
    """A launched campaign due in two days and 30 units with one officer each, none submitted."""
    CampaignFactory(nomination_deadline=timezone.localdate() + timedelta(days=2))
    for unit in UnitFactory.create_batch(COUNT):
        OfficerMembershipFactory(unit=unit)
    return ReminderRule.objects.get(kind=ReminderKind.NOMINATION_DEADLINE)


def states() -> dict[str, int]:
    return dict(Counter(Reminder.objects.values_list("state", flat=True)))


def wait_until_all_sent(worker):
    """Every row marked sent, and every task the worker received ended: none can send more."""
    wait_until(
        lambda: states() == {ReminderState.SENT: COUNT},
        TIMEOUT,
        "every reminder to be sent",
        interval=0.1,
    )
    worker.wait_for_tasks(TIMEOUT)


def assert_each_sent_exactly_once(mail_log):
    recorded = [message_id for message_id, _pid in read_records(mail_log)]
    expected = [r.message_id for r in Reminder.objects.order_by("pk")]
    assert len(expected) == COUNT
    assert sorted(recorded) == sorted(expected)  # none missing, none twice
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {1}


def stalled_pid(mail_log) -> int:
    """The pool process hanging mid-message once STALL_AFTER messages are recorded."""
    marker = stall_marker(mail_log)
    text = wait_until(
        lambda: marker.exists() and marker.read_text(), TIMEOUT, "the worker to stall"
    )
    return int(text)


# --- A worker killed mid-batch ---------------------------------------------------------


def test_a_batch_redelivered_after_its_pool_process_is_killed_sends_nothing_twice(
    start_worker, redis_server, mail_log
):
    rule = thirty_units_before_their_deadline()
    redis_server.start()
    worker = start_worker(stall_after=STALL_AFTER)
    with publishing_to(redis_server.url):
        assert len(compose_reminders(rule).emails) == COUNT

        # The kill lands while message 11 is being handed to the SMTP server
        # (before it accepted it).  A kill in the instant after the server
        # accepted a message but before its row is marked sent would repeat
        # that one message (with the same Message-ID): the one repeat the
        # outbox cannot rule out, and not what this test is about.
        pid = stalled_pid(mail_log)
        assert worker.pool_pids() == [pid]
        assert states() == {ReminderState.SENT: STALL_AFTER, ReminderState.SENDING: 20}
        os.kill(pid, signal.SIGKILL)

        wait_until_all_sent(worker)

    assert_each_sent_exactly_once(mail_log)
    records = read_records(mail_log)
    assert {p for _m, p in records[:STALL_AFTER]} == {pid}
    (new_pid,) = {p for _m, p in records[STALL_AFTER:]}
    assert new_pid != pid
    # Redelivered: the same task (its id is the rows' claim token) finished the
    # batch in a new pool process, with no sweep in between.
    assert len(set(Reminder.objects.values_list("claim_token", flat=True))) == 1
    assert "WorkerLostError" in worker.output()


def test_rows_left_by_a_whole_worker_killed_mid_batch_are_sent_once_after_the_sweep(
    start_worker, redis_server, mail_log
):
    rule = thirty_units_before_their_deadline()
    redis_server.start()
    first = start_worker(stall_after=STALL_AFTER)
    with publishing_to(redis_server.url):
        compose_reminders(rule)
        stalled_pid(mail_log)
        first.kill_all()  # main process and pool at once, as when the machine dies
        assert states() == {ReminderState.SENT: STALL_AFTER, ReminderState.SENDING: 20}
        first_token = Reminder.objects.values_list("claim_token", flat=True).first()

        # Redis hands the unacknowledged task out again only after its visibility
        # timeout (an hour); a new worker gets nothing meanwhile.
        second = start_worker()
        time.sleep(1)
        assert states() == {ReminderState.SENT: STALL_AFTER, ReminderState.SENDING: 20}

        # Beat's sweep, once the claims are older than the lease.
        assert sweep(now=timezone.now() + LEASE + timedelta(minutes=1)) == 20
        wait_until_all_sent(second)

    assert_each_sent_exactly_once(mail_log)
    tokens = Reminder.objects.values_list("claim_token", flat=True).order_by("pk")
    assert set(tokens[:STALL_AFTER]) == {first_token}
    assert first_token not in set(tokens[STALL_AFTER:])


# --- The broker away -----------------------------------------------------------------------


def test_reminders_written_while_the_broker_is_down_are_sent_once_it_is_back(
    start_worker, redis_server, mail_log
):
    rule = thirty_units_before_their_deadline()
    redis_server.start()
    redis_server.stop()
    with publishing_to(redis_server.url):
        started = time.monotonic()
        composed = compose_reminders(rule)  # queuing fails after the commit; compose does not
        assert time.monotonic() - started < 10
        assert len(composed.emails) == COUNT
        assert states() == {ReminderState.PENDING: COUNT}
        assert not Reminder.objects.filter(queued_at__isnull=False).exists()

        redis_server.start()
        worker = start_worker()
        assert sweep() == COUNT
        wait_until_all_sent(worker)

    assert_each_sent_exactly_once(mail_log)


def test_reminders_lost_when_redis_restarts_empty_are_sent_once_after_the_sweep(
    start_worker, redis_server, mail_log
):
    rule = thirty_units_before_their_deadline()
    redis_server.start()
    client = redis.Redis.from_url(redis_server.url)
    with publishing_to(redis_server.url):
        compose_reminders(rule)  # queued, but no worker is running
        assert client.llen("celery") == 1
        assert not Reminder.objects.filter(queued_at__isnull=True).exists()

        redis_server.stop()
        redis_server.start()  # empty: the task is gone
        assert client.llen("celery") == 0
        worker = start_worker()

        assert sweep() == 0  # queued a moment ago: not yet taken for lost
        assert sweep(now=timezone.now() + REQUEUE_AFTER + timedelta(minutes=1)) == COUNT
        wait_until_all_sent(worker)
    client.close()

    assert_each_sent_exactly_once(mail_log)
