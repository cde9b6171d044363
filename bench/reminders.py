"""10,000 deadline reminders composed and delivered by two worker processes, each exactly once.

    python -m bench.reminders [N]

Builds a launched campaign whose nomination deadline is two days away and N/2
units with two officers each (N officers with an email address), none of which
has submitted.  Then it times the whole path, as beat and the workers run it:

* ``compose_reminders(rule)`` in this process: the N reminder rows and their in-app
  notifications written in one transaction, then their emails queued in
  batches after the commit;
* a real ``celery worker`` with two prefork processes delivering the batches
  through the Django email backend, here one that records each message's
  Message-ID in a file (tests/support/mail.py);

until every row is marked sent.  The worker runs on the scratch database (the
test database of DATABASE_URL's PostgreSQL, or an SQLite file) and Redis when
REDIS_URL is set (a queue of its own), or else kombu's filesystem broker in a
temporary folder.  The record then gives duplicates (a Message-ID recorded
more than once) and lost reminders (rows with no recorded message).

Details go to stderr; stdout gets the one summary line the issue asks for.
"""

import os
import re
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bench.common import scratch_database

#: stop waiting for the workers once no row has changed state for this long
STALL_S = 30


def build(count: int):
    """The campaign, ``count`` officers in ``count // 2`` units (two each), the rule."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from campaign.enums import ReminderKind
    from campaign.models import ReminderRule
    from tests.factories import CampaignFactory
    from units.enums import UnitLevel, UnitType
    from units.models import OfficerMembership, Unit

    CampaignFactory(
        title="Phong trào thi đua phòng, chống dịch COVID-19",
        nomination_deadline=timezone.localdate() + timedelta(days=2),
    )
    units = Unit.objects.bulk_create(
        Unit(
            name=f"Ủy ban nhân dân xã Phú Hưng {index}",
            code=f"xa-{index}",
            unit_type=UnitType.STATE_AGENCY,
            level=UnitLevel.COMMUNE,
        )
        for index in range((count + 1) // 2)
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"canbo{index}",
            email=f"canbo{index}@phuhung.bentre.gov.vn",
            first_name="Nguyễn Thị",
            last_name=f"Hằng {index}",
            password="!",  # noqa: S106 - an unusable password
        )
        for index in range(count)
    )
    OfficerMembership.objects.bulk_create(
        OfficerMembership(user=user, unit=units[index // 2]) for index, user in enumerate(users)
    )
    return ReminderRule.objects.get(kind=ReminderKind.NOMINATION_DEADLINE)


def wait_for_delivery(unfinished) -> bool:
    """Until no row is pending or sending (True), or none has moved for STALL_S (False)."""
    left, moved_at = None, time.perf_counter()
    while True:
        now_left = unfinished.count()
        if now_left == 0:
            return True
        if now_left != left:
            left, moved_at = now_left, time.perf_counter()
        elif time.perf_counter() - moved_at > STALL_S:
            return False
        time.sleep(0.05)


def _stop(signum, frame):
    raise SystemExit(128 + signum)  # so that the worker, files and database are cleaned up


def main(count: int) -> None:
    signal.signal(signal.SIGTERM, _stop)
    with scratch_database(shared=True) as connection, tempfile.TemporaryDirectory() as folder:
        from campaign.enums import ReminderChannel, ReminderState
        from campaign.models import Reminder
        from campaign.services.outbox import BATCH_SIZE
        from campaign.services.reminders import compose_reminders
        from tests.support.broker import filesystem_transport_options, publishing_to
        from tests.support.mail import read_records
        from tests.support.processes import CeleryWorker, database_url

        folder = Path(folder)
        mail_log = folder / "sent.log"
        redis_url = os.environ.get("REDIS_URL", "")
        if redis_url:
            broker, transport, queue = redis_url, None, f"bench-reminders-{uuid.uuid4().hex}"
            broker_env = {"CELERY_BROKER_URL": redis_url, "CELERY_RESULT_BACKEND": redis_url}
        else:
            broker, queue = "filesystem://", None
            transport = filesystem_transport_options(folder / "broker")
            broker_env = {
                "CELERY_BROKER_URL": broker,
                "FILESYSTEM_BROKER_FOLDER": str(folder / "broker"),
                "REDIS_URL": "",
            }

        started = time.perf_counter()
        rule = build(count)
        print(f"built {count} officers in {time.perf_counter() - started:.1f} s", file=sys.stderr)

        worker = CeleryWorker(
            env={
                "DJANGO_SETTINGS_MODULE": "tests.integration_settings",
                "DATABASE_URL": database_url(connection.settings_dict),
                "RECORDING_EMAIL_FILE": str(mail_log),
                **broker_env,
            },
            log=folder / "worker.log",
            concurrency=2,
            queue=queue,
        )
        worker.start(timeout=60)
        unfinished = Reminder.objects.filter(
            state__in=[ReminderState.PENDING, ReminderState.SENDING]
        )
        try:
            with publishing_to(broker, queue=queue, transport_options=transport):
                started = time.perf_counter()
                composed = compose_reminders(rule)
                compose_s = time.perf_counter() - started
                finished = wait_for_delivery(unfinished)
                total_s = time.perf_counter() - started
            worker.stop()
        except BaseException:
            print(worker.output()[-5000:], file=sys.stderr)
            raise
        finally:
            worker.kill_all()

        emails = Reminder.objects.filter(channel=ReminderChannel.EMAIL)
        recorded = Counter(message_id for message_id, _pid in read_records(mail_log))
        duplicates = sum(n - 1 for n in recorded.values())
        lost = sum(1 for r in emails.only("pk") if r.message_id not in recorded)
        states = Counter(emails.values_list("state", flat=True))
        pids = Counter(pid for _message_id, pid in read_records(mail_log))
        tasks = len(re.findall(r"deliver_reminders\[[\w-]+\] received", worker.output()))
        assert len(composed.created) == count, len(composed.created)
        if not finished:
            print(f"stopped waiting: no progress for {STALL_S} s", file=sys.stderr)

        print(
            f"{connection.vendor}, broker {broker.split(':')[0]}, worker --concurrency 2: "
            f"compose {compose_s:.1f} s (rows written, batches queued), then delivery "
            f"{total_s - compose_s:.1f} s; {tasks} delivery tasks of up to {BATCH_SIZE}; "
            f"messages per pool process {sorted(pids.values())}; row states {dict(states)}",
            file=sys.stderr,
        )
        print(
            f"reminders: {count} in {total_s:.1f} s ({count / total_s:.0f}/s); "
            f"duplicates {duplicates}; lost {lost}"
        )
    if duplicates or lost:
        sys.exit(1)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
