"""Send this process's tasks to a real broker for the length of a test or benchmark."""

import contextlib
import os
from pathlib import Path
from unittest import mock

from celery import Celery, current_app
from django.conf import settings

#: How long publishing waits for a Redis result store that is down.  Celery's
#: default (20 retries a second apart) makes every ``delay()`` hang ~20 s when
#: Redis is down, because each call first subscribes to its result.
FAIL_FAST_RESULT_RETRY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}


def filesystem_transport_options(folder) -> dict:
    """kombu's filesystem broker in ``folder`` (the transport ``make run`` uses), polled often."""
    folder = Path(folder)
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }


@contextlib.contextmanager
def publishing_to(
    broker_url: str, *, queue: str | None = None, transport_options: dict | None = None
):
    """Tasks sent from this process (``delay``) go to ``broker_url`` instead of running eagerly.

    A Celery app of its own, configured like the project's from the Django
    settings, is made current and then the previous one put back; on Redis
    the results go to the same server, as in production.  ``queue`` replaces
    the default queue (its bindings are deleted at the end).
    """
    with mock.patch.dict(os.environ):
        # Celery reads these variables before its configuration.
        os.environ.pop("CELERY_BROKER_URL", None)
        os.environ.pop("CELERY_RESULT_BACKEND", None)
        with _producer(broker_url, queue, transport_options) as app:
            yield app


@contextlib.contextmanager
def _producer(broker_url, queue, transport_options):
    previous = current_app._get_current_object()
    app = Celery("portal-test-producer", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    transport = dict(getattr(settings, "CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS", None) or {})
    transport.setdefault("retry_policy", FAIL_FAST_RESULT_RETRY)
    app.conf.update(
        broker_url=broker_url,
        result_backend=broker_url if broker_url.startswith("redis") else None,
        result_backend_transport_options=transport,
        task_always_eager=False,
    )
    if transport_options is not None:
        app.conf.broker_transport_options = transport_options
    if queue:
        app.conf.task_default_queue = queue
    app.set_current()
    try:
        yield app
    finally:
        previous.set_current()
        if queue and broker_url.startswith("redis"):
            with app.connection_for_write() as conn:
                # Declared on this channel so that deleting it also drops its bindings.
                bound = app.amqp.queues[queue].bind(conn.default_channel)
                bound.declare()
                bound.delete()
        app.pool.force_close_all()
        app.close()
