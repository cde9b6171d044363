"""Reads of the common app: the task outbox's warning for staff."""

import datetime

import pytest
from django.utils import timezone

from common.models import OutboxMessage
from common.selectors import outbox_waiting_since
from tests.factories import OutboxMessageFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def written_ago(message, seconds):
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_staff_are_warned_of_outbox_rows_waiting_longer_than_the_limit(settings):
    settings.OUTBOX_WARN_AFTER = 300
    message = OutboxMessageFactory()
    written_ago(message, 200)
    assert outbox_waiting_since() is None

    written_ago(message, 400)
    assert outbox_waiting_since() == OutboxMessage.objects.get().created_at

    OutboxMessage.objects.update(sent_at=timezone.now())
    assert outbox_waiting_since() is None
