"""Achievements and the fast-track lane: only officers, only for their own units."""

import datetime

import pytest
from django.utils import timezone

from awards.forms.achievements import AchievementForm
from awards.models import Achievement, Nomination
from awards.services.achievements import record_fast_track, save_achievement
from awards.services.dossiers import save_nomination
from awards.services.nominations import WorkflowError
from common.models import ActivityLog
from tests.factories import (
    AchievementFactory,
    AwardTypeFactory,
    CampaignFactory,
    IndividualFactory,
    OfficerMembershipFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_fast_track_for_another_unit_is_refused_and_records_nothing(staff_user):
    ours, theirs = UnitFactory(), UnitFactory()
    officer = OfficerMembershipFactory(unit=ours).user
    for user in (officer, staff_user):  # staff review the lane; they do not nominate
        with pytest.raises(WorkflowError, match="thay cho đơn vị này"):
            record_fast_track(
                by=user,
                nominating_unit=theirs,
                campaign=CampaignFactory(),
                award_type=AwardTypeFactory(),
                what="Cứu người đuối nước",
                occurred_at=timezone.now() - datetime.timedelta(hours=1),
                photo=None,  # never read: the refusal comes first
                individual=IndividualFactory(unit=theirs),
            )
    assert (Achievement.objects.count(), Nomination.objects.count()) == (0, 0)
    assert ActivityLog.objects.count() == 0


def test_an_achievement_of_another_unit_is_not_edited():
    ours, theirs = UnitFactory(), UnitFactory()
    officer = OfficerMembershipFactory(unit=ours).user
    achievement = AchievementFactory(
        individual=IndividualFactory(unit=theirs), unit=None, owner_unit=theirs
    )
    before = Achievement.objects.filter(pk=achievement.pk).values().get()
    form = AchievementForm(
        {
            "individual": IndividualFactory(unit=ours).pk,
            "campaign": achievement.campaign_id,
            "date": "2021-10-01",
            "category": achievement.category,
            "title": "Đổi tên",
            "description": "Đổi nội dung",
        },
        instance=achievement,
        user=officer,
    )
    assert form.is_valid(), form.errors

    with pytest.raises(WorkflowError, match="đơn vị khác"):
        save_achievement(form, by=officer, owner_unit=ours)

    assert Achievement.objects.filter(pk=achievement.pk).values().get() == before


def test_fast_track_without_a_form_refuses_a_moment_in_9999():
    unit = UnitFactory()
    officer = OfficerMembershipFactory(unit=unit).user
    far = timezone.make_aware(datetime.datetime(9999, 12, 30, 12, 0))

    with pytest.raises(WorkflowError, match=r"^Ngày 30/12/9999 ở tương lai"):
        record_fast_track(
            by=officer,
            nominating_unit=unit,
            campaign=CampaignFactory(),
            award_type=AwardTypeFactory(),
            what="Cứu người đuối nước",
            occurred_at=far,
            photo=None,  # never read: the refusal comes first
            individual=IndividualFactory(unit=unit),
        )

    assert (Achievement.objects.count(), Nomination.objects.count()) == (0, 0)
    assert ActivityLog.objects.count() == 0


def test_moving_an_achievements_day_moves_its_nominations_earliest_day():
    ours = UnitFactory()
    officer = OfficerMembershipFactory(unit=ours).user
    person = IndividualFactory(unit=ours)
    achievement = AchievementFactory(individual=person, owner_unit=ours)
    other = AchievementFactory(individual=person, owner_unit=ours, date=datetime.date(2021, 9, 20))
    nomination = save_nomination(
        by=officer,
        nominating_unit=ours,
        campaign=achievement.campaign,
        award_type=AwardTypeFactory(),
        summary="Hoàn thành xuất sắc nhiệm vụ.",
        achievements=[achievement, other],
        individual=person,
    )
    assert nomination.achieved_on == datetime.date(2021, 9, 20)
    form = AchievementForm(
        {
            "individual": person.pk,
            "campaign": achievement.campaign_id,
            "date": "2021-08-15",
            "category": achievement.category,
            "title": achievement.title,
            "description": achievement.description,
        },
        instance=achievement,
        user=officer,
    )
    assert form.is_valid(), form.errors

    save_achievement(form, by=officer, owner_unit=ours)

    nomination.refresh_from_db()
    assert nomination.achieved_on == datetime.date(2021, 8, 15)
