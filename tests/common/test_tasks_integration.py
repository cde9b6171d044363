"""The ``common.send_email`` task through a real worker on Redis.

It runs only with ``REDIS_URL`` set (``make test`` in CI sets it).  Its worker
runs in a thread of this process, so the locmem email backend's outbox is
shared, and it consumes a queue named for this run only: another test run on
the same Redis database cannot take its message.
"""

import os
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult

from common.tasks import send_email
from config.celery import app as celery_app

from .conftest import BODY, HTML, SUBJECT

pytestmark = pytest.mark.integration


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
