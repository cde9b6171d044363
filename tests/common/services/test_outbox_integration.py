"""The task outbox with the broker stopped: staff work on, and nothing is lost.

Staff return a nomination and issue a decision through the views while the
Redis broker is down: both pages answer at once with their usual redirect,
the changes are saved, and the follow-ups (the officer's notification, the
certificate run) wait as unsent outbox rows.  Redis comes back, the sweep
publishes the rows, and a real ``celery worker`` process delivers the
notification and renders the run.

The test runs a ``redis-server`` of its own (so it can stop it) and a worker
subprocess on the test database, which must be one another process can open:
PostgreSQL (``DATABASE_URL``) or an SQLite file.  Skipped when ``redis-server``
is not installed.
"""

import datetime
import shutil
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from awards.enums import DecisionState, NominationState, RunState
from awards.models import AwardType, CertificateRun
from awards.services.decisions import add_recipients, create_decision
from common.models import Notification, OutboxMessage
from common.services.outbox import publish_pending
from tests.factories import (
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
)
from tests.support.broker import publishing_to
from tests.support.mail import read_records
from tests.support.processes import wait_until
from units.enums import UnitLevel

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
    pytest.mark.django_db(transaction=True),
]

TIMEOUT = 60
#: what a page may take with the broker down (measured 0.06–0.13 s on PostgreSQL)
QUICK = 1.0


@pytest.fixture
def worker(make_worker):
    """A ``celery worker`` process on the test database and the private Redis, not yet started."""
    return make_worker()


def world(staff):
    """A nomination in review from a hospital, and a draft decision with one approved line."""
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        level=UnitLevel.PROVINCE,
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        document_symbol="UBND",
        place_name="Bến Tre",
    )
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=province)
    officer = OfficerMembershipFactory(unit=hospital).user
    award = AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh")
    campaign = CampaignFactory(issuing_unit=province)
    in_review = NominationFactory(
        individual=IndividualFactory(unit=hospital, full_name="Nguyễn Thị Ngọc Hằng"),
        nominating_unit=hospital,
        campaign=campaign,
        award_type=award,
        created_by=officer,
        state=NominationState.IN_REVIEW,
    )
    approved = NominationFactory(
        individual=IndividualFactory(unit=hospital, full_name="Trần Văn Đạt"),
        nominating_unit=hospital,
        campaign=campaign,
        award_type=award,
        state=NominationState.APPROVED,
    )
    decision = create_decision(
        by=staff,
        issuer=province,
        award_type=award,
        signed_date=datetime.date(2026, 12, 1),
        signer_name="Trần Minh Hiển",
        signer_title="PHÓ CHỦ TỊCH",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_capacity="KT. CHỦ TỊCH",
        campaign=campaign,
    )
    add_recipients(decision, [approved], by=staff)
    return officer, in_review, decision


def timed_post(client, path, data=None):
    started = time.monotonic()
    response = client.post(path, data or {})
    return response, time.monotonic() - started


def test_staff_work_on_while_the_broker_is_down_and_nothing_is_lost(
    client, staff_user, redis_server, worker, tmp_path
):
    officer, nomination, decision = world(staff_user)
    client.force_login(staff_user)
    redis_server.start()
    redis_server.stop()  # the broker's address, with nothing listening
    transport = settings.REDIS_BROKER_TRANSPORT_OPTIONS
    with publishing_to(redis_server.url, transport_options=transport):
        returned, return_time = timed_post(
            client,
            reverse("awards:nomination_action", args=[nomination.pk, "return"]),
            {"reason": "Bổ sung biên bản họp Hội đồng"},
        )
        issued, issue_time = timed_post(
            client, reverse("awards:decision_issue", args=[decision.pk])
        )

        # The pages answered at once, as when the broker is up; the changes are saved.
        assert (returned.status_code, issued.status_code) == (302, 302)
        assert return_time < QUICK and issue_time < QUICK
        nomination.refresh_from_db()
        decision.refresh_from_db()
        assert (nomination.state, decision.state) == (
            NominationState.RETURNED,
            DecisionState.ISSUED,
        )
        run = CertificateRun.objects.get(decision=decision)
        assert run.state == RunState.PENDING
        # Nothing sent: the follow-ups wait in the outbox.
        waiting = OutboxMessage.objects.unsent().order_by("pk")
        assert [m.task_name for m in waiting] == [
            "awards.notify_nomination_change",
            "awards.render_certificates",
        ]
        assert [m.attempts for m in waiting] == [1, 1]
        assert not Notification.objects.filter(recipient=officer).exists()

        # The broker comes back; the sweep (beat, every minute) publishes after the back-off.
        redis_server.start()
        worker.start(timeout=TIMEOUT)
        assert publish_pending()["sent"] == 0  # still backing off
        later = timezone.now() + datetime.timedelta(minutes=2)
        assert publish_pending(now=later) == {"sent": 2, "failed": 0, "pruned": 0}
        assert not OutboxMessage.objects.unsent().exists()

        wait_until(
            lambda: CertificateRun.objects.get(pk=run.pk).state == RunState.DONE,
            TIMEOUT,
            "the worker to render the run",
            interval=0.2,
        )
        worker.wait_for_tasks(TIMEOUT)

    returned_note = Notification.objects.get(
        recipient=officer, title__startswith="Hồ sơ bị trả lại"
    )
    assert returned_note.body == "Bổ sung biên bản họp Hội đồng"
    assert returned_note.emailed_at is not None
    run.refresh_from_db()
    assert (run.done, run.total) == (1, 1)
    certificate = decision.recipients.get().certificates.get()
    assert certificate.file and certificate.file.storage.exists(certificate.file.name)
    # Every email the officer's notifications made went out once, none twice.
    emailed = Notification.objects.filter(emailed_at__isnull=False).count()
    assert len(read_records(tmp_path / "sent.log")) == emailed
    assert not (tmp_path / "scratch").exists() or not any((tmp_path / "scratch").iterdir())
