import pytest

from awards.enums import NominationState, SubjectType
from awards.models import AwardType
from awards.services.checks import nomination_warnings
from tests.factories import (
    AchievementFactory,
    AwardDecisionFactory,
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    RecipientFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def giay_khen():
    return AwardType.objects.get(code="giay-khen")


@pytest.fixture
def campaign(giay_khen):
    campaign = CampaignFactory()
    campaign.allowed_award_types.add(giay_khen)
    return campaign


def test_a_clean_nomination_has_no_warning(campaign, giay_khen):
    nomination = NominationFactory(campaign=campaign, award_type=giay_khen)
    nomination.achievements.add(AchievementFactory(individual=nomination.individual))
    assert nomination_warnings(nomination) == []


def test_same_achievement_already_awarded(campaign, giay_khen):
    person = IndividualFactory(full_name="Võ Thị Sáu")
    achievement = AchievementFactory(individual=person)
    earlier = NominationFactory(
        individual=person, campaign=campaign, award_type=giay_khen, state=NominationState.AWARDED
    )
    earlier.achievements.add(achievement)
    decision = AwardDecisionFactory(number=12, year=2021, state="issued")
    RecipientFactory(decision=decision, individual=person, nomination=earlier)
    again = NominationFactory(individual=person, campaign=campaign, award_type=giay_khen)
    again.achievements.add(achievement)
    [warning] = nomination_warnings(again)
    assert "đã được khen thưởng cho cùng thành tích" in warning
    assert "12/QĐ-UBND" in warning


def test_revoked_award_does_not_count(campaign, giay_khen):
    person = IndividualFactory()
    achievement = AchievementFactory(individual=person)
    earlier = NominationFactory(individual=person, campaign=campaign, award_type=giay_khen)
    earlier.achievements.add(achievement)
    RecipientFactory(individual=person, nomination=earlier, revoked_at="2022-01-01T00:00:00+07:00")
    earlier.state = NominationState.REJECTED  # closed: no open-nomination warning either
    earlier.save()
    again = NominationFactory(individual=person, campaign=campaign, award_type=giay_khen)
    again.achievements.add(achievement)
    assert nomination_warnings(again) == []


def test_open_nomination_for_the_same_achievement(campaign, giay_khen):
    person = IndividualFactory()
    achievement = AchievementFactory(individual=person)
    first = NominationFactory(
        individual=person, campaign=campaign, award_type=giay_khen, state=NominationState.SUBMITTED
    )
    first.achievements.add(achievement)
    second = NominationFactory(individual=person, campaign=campaign, award_type=giay_khen)
    second.achievements.add(achievement)
    [warning] = nomination_warnings(second)
    assert warning == (f"Cùng thành tích đang có hồ sơ khác: Giấy khen (Đã gửi, số {first.pk}).")
    first.state = NominationState.WITHDRAWN
    first.save()
    assert nomination_warnings(second) == []


def test_form_not_allowed_by_the_campaign_and_not_fitting_the_subject(campaign):
    flag = AwardType.objects.get(code="co-thi-dua-cap-tinh")
    assert flag.subject_types == [SubjectType.COLLECTIVE]
    nomination = NominationFactory(campaign=campaign, award_type=flag)
    warnings = nomination_warnings(nomination)
    assert warnings == [
        f"Phong trào “{campaign}” không áp dụng hình thức “{flag}”.",
        f"Hình thức “{flag}” không dành cho đối tượng là cá nhân.",
    ]
    collective = NominationFactory(
        individual=None, unit=UnitFactory(), campaign=campaign, award_type=flag
    )
    assert len(nomination_warnings(collective)) == 1


def test_staff_see_the_warnings_on_the_detail_page(client, staff_user, campaign):
    flag = AwardType.objects.get(code="co-thi-dua-cap-tinh")
    nomination = NominationFactory(campaign=campaign, award_type=flag)
    client.force_login(staff_user)
    page = client.get(f"/nominations/{nomination.pk}/")
    assert "không dành cho đối tượng là cá nhân" in page.content.decode()


@pytest.mark.parametrize("code", ["thu-khen", "thuong-nong"])
def test_a_non_statutory_award_never_counts_against_a_statutory_form(campaign, giay_khen, code):
    extra = AwardType.objects.get(code=code)
    campaign.allowed_award_types.add(extra)
    person = IndividualFactory()
    achievement = AchievementFactory(individual=person)
    earlier = NominationFactory(
        individual=person, campaign=campaign, award_type=extra, state=NominationState.AWARDED
    )
    earlier.achievements.add(achievement)
    RecipientFactory(
        decision=AwardDecisionFactory(number=7, state="issued", award_type=extra),
        individual=person,
        nomination=earlier,
    )
    pending = NominationFactory(
        individual=person, campaign=campaign, award_type=extra, state=NominationState.SUBMITTED
    )
    pending.achievements.add(achievement)
    statutory = NominationFactory(individual=person, campaign=campaign, award_type=giay_khen)
    statutory.achievements.add(achievement)

    assert nomination_warnings(statutory) == []


@pytest.mark.parametrize("code", ["thu-khen", "thuong-nong"])
def test_a_non_statutory_award_beside_a_statutory_form_draws_no_warning(campaign, giay_khen, code):
    extra = AwardType.objects.get(code=code)
    campaign.allowed_award_types.add(extra)
    person = IndividualFactory()
    achievement = AchievementFactory(individual=person)
    earlier = NominationFactory(
        individual=person, campaign=campaign, award_type=giay_khen, state=NominationState.AWARDED
    )
    earlier.achievements.add(achievement)
    RecipientFactory(
        decision=AwardDecisionFactory(number=8, state="issued", award_type=giay_khen),
        individual=person,
        nomination=earlier,
    )
    again = NominationFactory(individual=person, campaign=campaign, award_type=extra)
    again.achievements.add(achievement)

    assert nomination_warnings(again) == []


def test_two_statutory_forms_for_one_achievement_still_warn(campaign, giay_khen):
    bang_khen = AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh")
    campaign.allowed_award_types.add(bang_khen)
    person = IndividualFactory()
    achievement = AchievementFactory(individual=person)
    earlier = NominationFactory(
        individual=person, campaign=campaign, award_type=giay_khen, state=NominationState.AWARDED
    )
    earlier.achievements.add(achievement)
    RecipientFactory(
        decision=AwardDecisionFactory(number=9, state="issued", award_type=giay_khen),
        individual=person,
        nomination=earlier,
    )
    again = NominationFactory(individual=person, campaign=campaign, award_type=bang_khen)
    again.achievements.add(achievement)

    [warning] = nomination_warnings(again)
    assert warning.startswith("Đối tượng đã được khen thưởng cho cùng thành tích (Quyết định số 9/")
