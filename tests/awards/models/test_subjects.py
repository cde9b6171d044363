"""Achievements, nominations and recipients: one subject, an individual or a unit, enforced by
the database."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    AchievementFactory,
    IndividualFactory,
    NominationFactory,
    RecipientFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

# --- Subjects: an individual or a unit, never both, never neither ------------------

SUBJECT_MODELS = [
    pytest.param(
        AchievementFactory,
        "awards_achievement_one_subject",
        {"owner_unit": UnitFactory},
        id="achievement",
    ),
    pytest.param(
        NominationFactory,
        "awards_nomination_one_subject",
        {"nominating_unit": UnitFactory},
        id="nomination",
    ),
    pytest.param(RecipientFactory, "awards_recipient_one_subject", {}, id="recipient"),
]


def _required(extra):
    """The other required foreign keys, set explicitly so only the subject is at stake."""
    return {field: factory() for field, factory in extra.items()}


@pytest.mark.parametrize(("factory", "constraint", "extra"), SUBJECT_MODELS)
def test_subject_is_an_individual_or_a_unit(factory, constraint, extra):
    person = factory(individual=IndividualFactory(), unit=None, **_required(extra))
    collective = factory(individual=None, unit=UnitFactory(), **_required(extra))

    assert person.subject == person.individual
    assert collective.subject == collective.unit


@pytest.mark.parametrize(("factory", "constraint", "extra"), SUBJECT_MODELS)
def test_subject_cannot_be_both(factory, constraint, extra):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        factory(individual=IndividualFactory(), unit=UnitFactory(), **_required(extra))


@pytest.mark.parametrize(("factory", "constraint", "extra"), SUBJECT_MODELS)
def test_subject_cannot_be_neither(factory, constraint, extra):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        factory(individual=None, unit=None, **_required(extra))
