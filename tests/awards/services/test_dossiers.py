"""Creating and editing nominations: only for the officer's own units, only while editable."""

import pytest

from awards.enums import NominationState
from awards.models import Nomination
from awards.services.dossiers import save_nomination
from awards.services.nominations import WorkflowError
from common.models import ActivityLog
from tests.factories import (
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def units():
    return {"ours": UnitFactory(), "theirs": UnitFactory()}


def fields(unit, nomination=None):
    nominee = IndividualFactory(unit=unit)
    campaign = CampaignFactory()
    return {
        "nominating_unit": unit,
        "campaign": campaign,
        "award_type": (nomination.award_type if nomination else NominationFactory().award_type),
        "summary": "Hoàn thành xuất sắc nhiệm vụ.",
        "achievements": [],
        "individual": nominee,
        "nomination": nomination,
    }


def test_an_officer_creates_a_draft_for_their_unit(units):
    officer = OfficerMembershipFactory(unit=units["ours"]).user
    saved = save_nomination(by=officer, **fields(units["ours"]))
    assert (saved.state, saved.nominating_unit, saved.created_by) == (
        NominationState.DRAFT,
        units["ours"],
        officer,
    )


def test_no_nomination_in_the_name_of_another_unit(units):
    officer = OfficerMembershipFactory(unit=units["ours"]).user
    data = fields(units["theirs"])
    count = Nomination.objects.count()
    with pytest.raises(WorkflowError, match="thay cho đơn vị này"):
        save_nomination(by=officer, **data)
    assert Nomination.objects.count() == count


def test_a_submitted_nomination_is_not_edited(units):
    officer = OfficerMembershipFactory(unit=units["ours"]).user
    nomination = NominationFactory(
        individual__unit=units["ours"], nominating_unit=units["ours"], state="submitted"
    )
    before = Nomination.objects.filter(pk=nomination.pk).values().get()
    data = fields(units["ours"], nomination) | {"summary": "Đã sửa"}
    with pytest.raises(WorkflowError, match="không còn sửa được"):
        save_nomination(by=officer, **data)
    assert Nomination.objects.filter(pk=nomination.pk).values().get() == before
    assert ActivityLog.objects.count() == 0
