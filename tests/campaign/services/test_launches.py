"""Launching a campaign (campaign/services/launches.py): the units a choice of branches
and exclusions means, the letter, the notifications, and that launching twice sends
nothing twice."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from pypdf import PdfReader

from campaign.enums import CampaignStatus
from campaign.models import Campaign, LaunchDelivery, LaunchRun
from campaign.services.campaigns import CampaignError
from campaign.services.launches import launch_campaign, retry_launch, units_to_launch
from campaign.tasks import run_launch
from common.enums import JobState
from common.models import ActivityLog, Notification
from tests.factories import (
    CampaignFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UnitSignerFactory,
    UserFactory,
)
from units.enums import UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

DAY = datetime.date(2021, 6, 15)


def make_world(staff):
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        place_name="Bến Tre",
        level=UnitLevel.PROVINCE,
        collective_leadership=True,
        head_title="CHỦ TỊCH",
    )
    health = UnitFactory(name="Sở Y tế", parent=province)
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health)
    clinic = UnitFactory(name="Trung tâm Y tế Ba Tri", parent=health)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    closed = UnitFactory(
        name="Đơn vị đã giải thể", parent=health, valid_to=datetime.date(2020, 1, 1)
    )
    campaign = CampaignFactory(
        title="Phong trào thi đua phòng, chống dịch COVID-19",
        plan_number="2777",
        issue_date=datetime.date(2021, 6, 10),
        issuing_unit=province,
        status=CampaignStatus.DRAFT,
        content_items=["Tuyên truyền phòng, chống dịch", "Tiêm vắc xin cho người dân"],
        end_condition="đến khi hết dịch bệnh theo công bố của Chính phủ",
    )
    return SimpleNamespace(
        staff=staff,
        province=province,
        health=health,
        hospital=hospital,
        clinic=clinic,
        police=police,
        closed=closed,
        campaign=campaign,
        health_officer=OfficerMembershipFactory(unit=health, user=UserFactory(username="yte")).user,
        police_officer=OfficerMembershipFactory(unit=police, user=UserFactory(username="ca")).user,
    )


@pytest.fixture
def world(staff_user):
    return make_world(staff_user)


def launch(world, branches, excluded=(), **fields):
    values = {
        "by": world.staff,
        "date": DAY,
        "signer_name": "Trần Minh Hiển",
        "signer_title": "Phó Chủ tịch",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
    }
    return launch_campaign(
        world.campaign, branches=branches, excluded=excluded, **{**values, **fields}
    )


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def test_a_branch_brings_its_units_in_force_less_the_excluded_branch(world):
    units = units_to_launch([world.health, world.police], [world.clinic], DAY)

    assert list(units) == [world.health, world.hospital, world.police]


def test_launching_a_draft_launches_it_writes_the_letter_and_tells_each_unit_once(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = launch(world, [world.health], [world.clinic])

    assert len(callbacks) == 1
    run.refresh_from_db()
    assert (run.state, run.done, run.total, run.error) == (JobState.DONE, 3, 3, "")
    campaign = Campaign.objects.get()
    assert campaign.status == CampaignStatus.LAUNCHED
    assert set(campaign.participants.all()) == {world.health, world.hospital}
    assert sorted(
        d.unit.name for d in LaunchDelivery.objects.filter(notified_at__isnull=False)
    ) == [
        "Bệnh viện Nguyễn Đình Chiểu",
        "Sở Y tế",
    ]
    notes = Notification.objects.filter(recipient=world.health_officer)
    assert [n.title for n in notes] == ["Phát động: Phong trào thi đua phòng, chống dịch COVID-19"]
    assert not Notification.objects.filter(recipient=world.police_officer).exists()
    text = pdf_text(run.letter)
    assert "V/v phát động phong trào thi đua phòng, chống dịch COVID-19" in text
    assert "Kế hoạch số 2777/KH-UBND ngày 10/6/2021" in text
    assert "- Tiêm vắc xin cho người dân" in text
    assert "1. Sở Y tế" in text
    assert "2. Bệnh viện Nguyễn Đình Chiểu" in text
    assert "Trung tâm Y tế Ba Tri" not in text
    assert "Trần Minh Hiển" in text
    actions = [e.action for e in ActivityLog.objects.for_object(run).order_by("pk")]
    assert actions == ["launch.created", "launch.done"]


def test_launching_twice_sends_nothing_twice(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        launch(world, [world.health])
    notified_before = Notification.objects.count()

    with pytest.raises(CampaignError, match="Cả 3 đơn vị đã chọn đều đã được phát động"):
        launch(world, [world.health])

    assert (LaunchRun.objects.count(), Notification.objects.count()) == (1, notified_before)
    # a wider launch tells only the units not told yet
    with django_capture_on_commit_callbacks(execute=True):
        second = launch(world, [world.province])
    assert sorted(d.unit.name for d in second.deliveries.all()) == [
        "Công an tỉnh",
        "Ủy ban nhân dân tỉnh Bến Tre",
    ]
    assert Notification.objects.filter(recipient=world.health_officer).count() == 1
    assert Notification.objects.filter(recipient=world.police_officer).count() == 1
    assert LaunchDelivery.objects.count() == 5


def test_running_a_run_again_adds_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = launch(world, [world.health])
    LaunchRun.objects.filter(pk=run.pk).update(state=JobState.RUNNING)  # a redelivery
    LaunchDelivery.objects.filter(unit=world.health).update(notified_at=None)

    run_launch(run_id=run.pk)

    assert Notification.objects.filter(recipient=world.health_officer).count() == 1
    run.refresh_from_db()
    assert (run.state, run.done) == (JobState.DONE, run.total)


def test_an_officer_may_not_launch_and_nothing_is_written(world):
    with pytest.raises(CampaignError, match="Bạn không có quyền phát động phong trào này."):
        launch(world, [world.health], by=world.health_officer)

    assert Campaign.objects.get().status == CampaignStatus.DRAFT
    assert (LaunchRun.objects.count(), LaunchDelivery.objects.count()) == (0, 0)
    assert world.campaign.participants.count() == 0


def test_a_closed_campaign_is_not_launched(world):
    Campaign.objects.filter(pk=world.campaign.pk).update(status=CampaignStatus.CLOSED)
    world.campaign.refresh_from_db()

    with pytest.raises(CampaignError, match="Bạn không có quyền phát động"):
        launch(world, [world.health])

    assert LaunchRun.objects.count() == 0


def test_an_issuer_with_signers_must_name_one(world):
    UnitSignerFactory(unit=world.province, full_name="Trần Ngọc Tam")

    with pytest.raises(CampaignError, match="có danh sách người ký"):
        launch(world, [world.health])

    assert (LaunchRun.objects.count(), Campaign.objects.get().status) == (0, "draft")


def test_a_branch_with_no_unit_in_force_is_refused(world):
    with pytest.raises(CampaignError, match="Không có đơn vị nào"):
        launch(world, [world.closed])

    assert LaunchRun.objects.count() == 0


def test_a_failure_is_recorded_and_a_retry_finishes(world, tmp_path):
    run = launch(world, [world.police])  # not committed: the task has not run
    empty = tmp_path / "no-static"
    empty.mkdir()
    with (
        override_settings(STATICFILES_DIRS=[empty], STATIC_ROOT=empty),
        pytest.raises(ImproperlyConfigured),
    ):
        run_launch(run_id=run.pk)  # the fonts are missing
    run.refresh_from_db()
    assert run.state == JobState.FAILED
    assert "Font file missing" in run.error
    assert not Notification.objects.exists()

    retry_launch(run, by=world.staff)
    run_launch(run_id=run.pk)  # what the queued task does

    run.refresh_from_db()
    assert (run.state, run.error, run.done) == (JobState.DONE, "", 2)
    assert Notification.objects.filter(recipient=world.police_officer).count() == 1


def test_a_run_that_did_not_fail_is_not_retried(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = launch(world, [world.police])
    run.refresh_from_db()

    with pytest.raises(CampaignError, match="không ở trạng thái lỗi"):
        retry_launch(run, by=world.staff)

    assert LaunchRun.objects.get().state == JobState.DONE
