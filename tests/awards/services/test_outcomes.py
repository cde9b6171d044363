"""What the statistics count of a nomination's award, as ``refresh_award_fields`` keeps it."""

import datetime

import pytest

from awards.enums import CentralOutcome, DecisionState, NominationState
from awards.models import Nomination
from awards.services.outcomes import refresh_award_fields
from tests.factories import (
    AwardDecisionFactory,
    CentralResultFactory,
    CentralSubmissionLineFactory,
    NominationFactory,
    RecipientFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

FIRST = datetime.date(2025, 3, 10)
SECOND = datetime.date(2025, 9, 15)


def line(nomination, *, signed=FIRST, state=DecisionState.ISSUED, amount=710_000, **fields):
    decision = AwardDecisionFactory(signed_date=signed, state=state, number=1)
    return RecipientFactory(
        decision=decision,
        nomination=nomination,
        individual=nomination.individual,
        amount=amount,
        **fields,
    )


def fields_of(nomination):
    nomination.refresh_from_db()
    return nomination.awarded_on, nomination.award_amount


def awarded():
    return NominationFactory(state=NominationState.AWARDED)


def test_a_line_of_an_issued_decision_gives_its_date_and_amount():
    nomination = awarded()
    line(nomination)

    assert refresh_award_fields(Nomination.objects.filter(pk=nomination.pk)) == 1
    assert fields_of(nomination) == (FIRST, 710_000)


@pytest.mark.parametrize(
    "kind", ["draft decision", "revoked decision", "revoked line", "no line at all"]
)
def test_nothing_in_force_counts_as_no_award(kind):
    nomination = awarded()
    Nomination.objects.filter(pk=nomination.pk).update(awarded_on=FIRST, award_amount=5)
    if kind == "draft decision":
        line(nomination, state=DecisionState.DRAFT)
    elif kind == "revoked decision":
        line(nomination, state=DecisionState.REVOKED)
    elif kind == "revoked line":
        line(nomination, revoked_at=datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC))

    refresh_award_fields(Nomination.objects.filter(pk=nomination.pk))

    assert fields_of(nomination) == (None, 0)


def test_a_second_decision_after_a_revoked_line_is_the_one_counted():
    nomination = awarded()
    line(nomination, revoked_at=datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC))
    line(nomination, signed=SECOND, amount=1_410_000)

    refresh_award_fields(Nomination.objects.filter(pk=nomination.pk))

    assert fields_of(nomination) == (SECOND, 1_410_000)


def test_a_central_award_has_its_date_and_no_amount():
    nomination = NominationFactory(state=NominationState.AWARDED)
    central = CentralSubmissionLineFactory(nomination=nomination)
    central.result = CentralResultFactory(submission=central.submission, decision_date=SECOND)
    central.outcome = CentralOutcome.AWARDED
    central.save()
    declined = CentralSubmissionLineFactory()
    declined.result = CentralResultFactory(submission=declined.submission)
    declined.outcome = CentralOutcome.NOT_AWARDED
    declined.save()

    refresh_award_fields(Nomination.objects.all())

    assert fields_of(nomination) == (SECOND, 0)
    assert fields_of(declined.nomination) == (None, 0)


def test_running_it_twice_changes_nothing_and_touches_only_the_given_rows():
    counted, other = awarded(), awarded()
    line(counted)
    line(other)

    refresh_award_fields(Nomination.objects.filter(pk=counted.pk))
    refresh_award_fields(Nomination.objects.filter(pk=counted.pk))

    assert fields_of(counted) == (FIRST, 710_000)
    assert fields_of(other) == (None, 0)
