"""The ``common.send_email`` task, run eagerly: what it sends, and its retries.

The same task through a real worker on Redis is in ``test_tasks_integration.py``.
"""

import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from common.tasks import send_email
from config.celery import app as celery_app

from .conftest import BODY, HTML, SUBJECT

pytestmark = pytest.mark.unit


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
