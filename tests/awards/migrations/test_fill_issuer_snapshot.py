"""awards/migrations/0020_fill_issuer_snapshot.py: decisions issued before snapshots
existed are frozen from their unit as it is now; drafts stay live."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from awards.enums import DecisionState
from awards.models import AwardDecision
from common.pdf.letterhead import issuer_snapshot
from tests.factories import AwardDecisionFactory, UnitFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

migration = importlib.import_module("awards.migrations.0020_fill_issuer_snapshot")


def test_issued_and_revoked_decisions_are_frozen_and_drafts_are_not():
    health = UnitFactory(
        name="Sở Y tế",
        issuer_name="SỞ Y TẾ",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        place_name="Bến Tre",
    )
    issued = AwardDecisionFactory(issuer=health, number=1, state=DecisionState.ISSUED)
    revoked = AwardDecisionFactory(issuer=health, number=2, state=DecisionState.REVOKED)
    draft = AwardDecisionFactory(issuer=health)

    migration.fill(apps, SimpleNamespace(connection=connection))

    snapshots = dict(AwardDecision.objects.values_list("pk", "issuer_snapshot"))
    # The migration's frozen copy gives what the code gives today.
    assert snapshots == {
        issued.pk: issuer_snapshot(health),
        revoked.pk: issuer_snapshot(health),
        draft.pk: {},
    }
