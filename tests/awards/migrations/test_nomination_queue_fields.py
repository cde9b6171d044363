"""awards/migrations/0012_nomination_queue_fields.py: the queue's columns filled from the
data already there, the same on a second run."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from awards.enums import NominationState
from awards.models import Nomination
from tests.factories import AchievementFactory, NominationFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

migration = importlib.import_module("awards.migrations.0012_nomination_queue_fields")


def columns():
    return list(
        Nomination.objects.order_by("pk").values_list("achieved_at", "achieved_on", "is_pinned")
    )


def test_the_fill_takes_the_earliest_achievement_and_pins_open_fast_track_only():
    moment = timezone.make_aware(datetime.datetime(2021, 8, 1, 22, 15))
    two = NominationFactory(is_fast_track=True, state=NominationState.SUBMITTED)
    two.achievements.add(
        AchievementFactory(date=datetime.date(2021, 8, 1), occurred_at=moment),
        AchievementFactory(date=datetime.date(2021, 9, 5)),
    )
    awarded = NominationFactory(is_fast_track=True, state=NominationState.AWARDED)
    awarded.achievements.add(AchievementFactory(date=datetime.date(2021, 7, 9)))
    NominationFactory(state=NominationState.IN_REVIEW)  # no achievement
    # As before the migration: nothing filled, the awarded fast track still on top.
    Nomination.objects.update(achieved_at=None, achieved_on=None, is_pinned=True)

    migration.fill_queue_fields(apps, SimpleNamespace(connection=connection))
    first = columns()
    migration.fill_queue_fields(apps, SimpleNamespace(connection=connection))

    assert first == [
        (moment, datetime.date(2021, 8, 1), True),
        (None, datetime.date(2021, 7, 9), False),
        (None, None, False),
    ]
    assert columns() == first
