"""Creating and editing nominations: only for the officer's own units, only while editable."""

import datetime

import pytest
from django.utils import timezone

from awards.enums import NominationState
from awards.models import AwardType, Nomination
from awards.services.dossiers import refresh_queue_fields, save_nomination
from awards.services.nominations import WorkflowError
from common.models import ActivityLog
from tests.factories import (
    AchievementFactory,
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


# --- What the review queue reads from the nomination -----------------------------------


def queue_fields(nomination):
    return (
        Nomination.objects.filter(pk=nomination.pk)
        .values_list("achieved_at", "achieved_on", "is_pinned")
        .get()
    )


def test_linking_changing_and_unlinking_achievements_keeps_the_earliest(units):
    officer = OfficerMembershipFactory(unit=units["ours"]).user
    data = fields(units["ours"])
    moment = timezone.make_aware(datetime.datetime(2021, 8, 3, 21, 30))
    late = AchievementFactory(individual=data["individual"], date=datetime.date(2021, 9, 2))
    early = AchievementFactory(
        individual=data["individual"], date=datetime.date(2021, 8, 3), occurred_at=moment
    )

    saved = save_nomination(by=officer, **data | {"achievements": [late]})
    assert queue_fields(saved) == (None, datetime.date(2021, 9, 2), False)

    save_nomination(by=officer, **data | {"nomination": saved, "achievements": [late, early]})
    assert queue_fields(saved) == (moment, datetime.date(2021, 8, 3), False)
    assert (saved.achieved_at, saved.achieved_on) == (moment, datetime.date(2021, 8, 3))

    save_nomination(by=officer, **data | {"nomination": saved, "achievements": []})
    assert queue_fields(saved) == (None, None, False)


def test_refresh_queue_fields_twice_changes_nothing_the_second_time():
    nomination = NominationFactory(state=NominationState.SUBMITTED, is_fast_track=True)
    achievement = AchievementFactory(date=datetime.date(2021, 7, 1))
    nomination.achievements.add(achievement)  # as the admin's form saves it, before the refresh
    Nomination.objects.filter(pk=nomination.pk).update(is_pinned=False)

    assert refresh_queue_fields(Nomination.objects.filter(pk=nomination.pk)) == 1
    first = queue_fields(nomination)
    refresh_queue_fields(Nomination.objects.all())

    assert first == (None, datetime.date(2021, 7, 1), True)
    assert queue_fields(nomination) == first


def test_a_deciding_unit_without_the_authority_is_refused(tree):
    giay_khen = AwardType.objects.get(code="giay-khen")
    data = {
        "nominating_unit": tree["hospital"],
        "campaign": CampaignFactory(),
        "award_type": giay_khen,
        "summary": "Chăm sóc người bệnh tận tình",
        "achievements": [],
        "individual": tree["nurse"],
    }

    with pytest.raises(
        WorkflowError,
        match="Ủy ban nhân dân tỉnh Vĩnh Long không có thẩm quyền quyết định Giấy khen",
    ):
        save_nomination(by=tree["officer"], deciding_unit=tree["province"], **data)
    chosen = save_nomination(by=tree["officer"], deciding_unit=tree["health"], **data)

    assert Nomination.objects.get().deciding_unit == tree["health"] == chosen.deciding_unit
