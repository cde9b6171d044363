"""The seeded voting rules: the secret-ballot titles, marked as not verified."""

import datetime
from decimal import Decimal

import pytest

from council.enums import Comparison, Denominator, VoteMethod
from council.models import VotingRule

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_seeded_rules_are_the_secret_ballot_titles_not_verified():
    rows = VotingRule.objects.order_by("award_type__code").values_list(
        "award_type__code",
        "method",
        "denominator",
        "threshold_percent",
        "comparison",
        "absentee_written_counts",
        "effective_from",
        "verified",
    )

    expected = [
        (
            code,
            VoteMethod.SECRET_BALLOT,
            Denominator.ALL_MEMBERS,
            Decimal("90"),
            Comparison.AT_LEAST,
            True,
            datetime.date(2025, 7, 1),
            False,
        )
        for code in ("chien-si-thi-dua-cap-tinh", "chien-si-thi-dua-toan-quoc")
    ]
    assert list(rows) == expected
    assert all("chưa đối chiếu được" in r.legal_basis for r in VotingRule.objects.all())


def test_beat_closes_due_sessions_every_minute():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="council.close_due_sessions")

    assert (task.enabled, task.interval.every, task.interval.period) == (True, 1, "minutes")
