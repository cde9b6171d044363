"""The rules the database enforces on award decisions, whatever code writes the rows."""

import pytest
from django.db import IntegrityError, transaction

from awards.enums import DecisionState
from tests.factories import AwardDecisionFactory, UnitFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

# SQLite names the columns of a violated unique index, PostgreSQL the constraint.
DECISION_NUMBER_TAKEN = (
    r"decision_number_unique_per_issuer_year"
    r"|awards_awarddecision\.issuer_id, awards_awarddecision\.year, awards_awarddecision\.number"
)


# --- Award decisions: "Số: 12/QĐ-UBND" restarts every year for each issuer ------


def test_decision_number_unique_per_issuer_and_year():
    issuer = UnitFactory()
    AwardDecisionFactory(issuer=issuer, year=2021, number=12)

    AwardDecisionFactory(issuer=issuer, year=2022, number=12)  # next year: fine
    AwardDecisionFactory(issuer=UnitFactory(), year=2021, number=12)  # another issuer: fine
    with pytest.raises(IntegrityError, match=DECISION_NUMBER_TAKEN), transaction.atomic():
        AwardDecisionFactory(issuer=issuer, year=2021, number=12)

    assert issuer.decisions.filter(year=2021, number=12).count() == 1


def test_draft_decisions_without_number_do_not_collide():
    issuer = UnitFactory()
    AwardDecisionFactory(issuer=issuer, year=2021, number=None)
    AwardDecisionFactory(issuer=issuer, year=2021, number=None)

    assert issuer.decisions.filter(year=2021, number__isnull=True).count() == 2


def test_issued_decision_must_have_a_number():
    with pytest.raises(IntegrityError, match="decision_issued_has_number"), transaction.atomic():
        AwardDecisionFactory(state=DecisionState.ISSUED, number=None)

    issued = AwardDecisionFactory(state=DecisionState.ISSUED, number=7)
    assert issued.reference == "7/QĐ-UBND"
