"""What the tests of the common app share: the message the ``send_email`` tests send,
and ``record``, an after-commit task that notes what it ran with in ``RAN`` (the
``nothing_ran_yet`` fixture empties it around a test)."""

import pytest
from celery import shared_task

from common.tasks import AfterCommitTask

SUBJECT = "Thông báo hồ sơ đề nghị khen thưởng số 12"
BODY = "Hồ sơ của đơn vị đã được tiếp nhận."
HTML = "<p>Hồ sơ của đơn vị <strong>đã được tiếp nhận</strong>.</p>"

RAN = []


@shared_task(base=AfterCommitTask, name="tests.record_through_the_outbox")
def record(*, value):
    RAN.append(value)
    return value


@pytest.fixture
def nothing_ran_yet():
    RAN.clear()
    yield
    RAN.clear()
