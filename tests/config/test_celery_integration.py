"""The ``common.send_email`` task: eagerly, and through a real worker on Redis.

The integration test runs only with ``REDIS_URL`` set (``make test`` in CI sets
it).  Its worker runs in a thread of this process, so the locmem email backend's
outbox is shared, and it consumes a queue named for this run only: another test
run on the same Redis database cannot take its message.
"""

import os
import smtplib
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from common.tasks import send_email
from config.celery import app as celery_app

SUBJECT = "Thông báo hồ sơ đề nghị khen thưởng số 12"
BODY = "Hồ sơ của đơn vị đã được tiếp nhận."
HTML = "<p>Hồ sơ của đơn vị <strong>đã được tiếp nhận</strong>.</p>"


class FlakySMTPBackend(LocmemBackend):
    """An SMTP server that drops the connection ``failures`` times, then accepts."""

    failures = 0
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).attempts <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(settings):
    """The flaky server, with eager retries run in place as a worker would run them.

    Celery runs an eager task's retries only when eager errors are not
    propagated; the outcome is then read from the result.
    """
    settings.EMAIL_BACKEND = f"{__name__}.FlakySMTPBackend"
    FlakySMTPBackend.attempts = 0
    celery_app.conf.task_eager_propagates = False
    yield FlakySMTPBackend
    celery_app.conf.task_eager_propagates = True


# --- Eager (every test run) --------------------------------------------------------


def test_send_email_sends_text_and_html(mailoutbox, settings):
    result = send_email.delay(
        to=["canbo@soyte.example.gov.vn"], subject=SUBJECT, body=BODY, html_body=HTML
    )

    assert result.get() == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == SUBJECT
    assert message.to == ["canbo@soyte.example.gov.vn"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.body == BODY
    assert [tuple(alt) for alt in message.alternatives] == [(HTML, "text/html")]


def test_send_email_without_html_is_plain_text(mailoutbox):
    send_email.delay(to=["a@example.org", "b@example.org"], subject=SUBJECT, body=BODY)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["a@example.org", "b@example.org"]
    assert mailoutbox[0].alternatives == []


def test_send_email_retries_after_a_dropped_smtp_connection(mailoutbox, flaky_smtp):
    flaky_smtp.failures = 2

    result = send_email.delay(to=["a@example.org"], subject=SUBJECT, body=BODY)

    assert result.state == "SUCCESS"
    assert result.result == 1
    assert flaky_smtp.attempts == 3
    assert [m.subject for m in mailoutbox] == [SUBJECT]


def test_send_email_gives_up_after_five_retries(mailoutbox, flaky_smtp):
    flaky_smtp.failures = 100

    result = send_email.delay(to=["a@example.org"], subject=SUBJECT, body=BODY)

    assert result.state == "FAILURE"
    assert isinstance(result.result, smtplib.SMTPServerDisconnected)
    assert flaky_smtp.attempts == 6  # the first try and five retries
    assert mailoutbox == []


# --- Through a real worker and Redis ------------------------------------------------


@pytest.fixture
def redis_worker():
    """A Celery worker thread consuming a queue of its own from Redis; yields the queue."""
    queue = f"test-send-email-{uuid.uuid4().hex}"
    queues = celery_app.amqp.queues
    # The worker narrows the app's queue selection to ours; put it back after,
    # so a later in-process worker consumes the usual queues.
    consume_from = queues._consume_from
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(
            celery_app, queues=[queue], perform_ping_check=False, shutdown_timeout=30
        ):
            yield queue
    finally:
        celery_app.conf.task_always_eager = True
        queues._consume_from = consume_from
        with celery_app.connection_for_write() as conn:
            # Declared on this channel so that deleting it also drops its bindings.
            bound = queues.pop(queue).bind(conn.default_channel)
            bound.declare()
            bound.delete()


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a Redis server)")
# The worker thread has database connections of its own: it sees committed rows only.
@pytest.mark.django_db(transaction=True)
def test_send_email_through_a_real_worker(redis_worker, mailoutbox):
    assert celery_app.conf.broker_url.startswith("redis://")
    assert celery_app.conf.result_backend.startswith("redis://")

    result = send_email.apply_async(
        kwargs={
            "to": ["canbo@soyte.example.gov.vn"],
            "subject": SUBJECT,
            "body": BODY,
            "html_body": HTML,
        },
        queue=redis_worker,
    )

    assert not isinstance(result, EagerResult)
    assert result.get(timeout=30) == 1
    # The worker stored the outcome in Redis, where another process could read it.
    assert celery_app.backend.get_task_meta(result.id)["status"] == "SUCCESS"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == SUBJECT
    assert mailoutbox[0].to == ["canbo@soyte.example.gov.vn"]
    assert [tuple(alt) for alt in mailoutbox[0].alternatives] == [(HTML, "text/html")]
