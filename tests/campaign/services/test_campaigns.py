"""Campaigns as the staff keep them (campaign/services/campaigns.py): saving the plan, the
state changes through ``set_campaign_state``, closing by a decision; refusals change
nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.enums import CampaignStatus
from campaign.forms.campaigns import CampaignForm
from campaign.models import Campaign
from campaign.services.campaigns import (
    CampaignError,
    close_campaign,
    save_campaign,
    set_campaign_state,
)
from common.models import ActivityLog
from tests.common.test_uploads import pdf_bytes
from tests.factories import CampaignFactory, OfficerMembershipFactory, UnitFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def form_data(unit, **changes):
    data = {
        "title": "Phong trào thi đua phòng, chống dịch COVID-19",
        "plan_number": "2777",
        "plan_symbol": "KH-UBND",
        "issue_date": "2021-06-10",
        "issuing_unit": unit.pk,
        "kind": "thematic",
        "content_items": "Tuyên truyền phòng dịch\n\n  Tiêm vắc xin  \n",
        "start_date": "2021-06-10",
        "end_condition": "đến khi hết dịch bệnh theo công bố của Chính phủ",
    }
    data.update(changes)
    return data


def valid_form(data, files=None, instance=None):
    form = CampaignForm(data, files, instance=instance)
    assert form.is_valid(), form.errors
    return form


def test_staff_create_a_campaign_with_its_items_plan_file_and_search_name(staff_user):
    unit = UnitFactory()
    upload = SimpleUploadedFile("Kế hoạch 2777.pdf", pdf_bytes(), "application/pdf")
    form = valid_form(form_data(unit), {"plan_upload": upload})

    campaign = save_campaign(form, by=staff_user, plan_file=form.cleaned_data["plan_upload"])

    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.content_items == ["Tuyên truyền phòng dịch", "Tiêm vắc xin"]
    assert campaign.search_name == "phong trao thi dua phong, chong dich covid-19 2777/kh-ubnd"
    assert campaign.plan_file_name == "Kế hoạch 2777.pdf"
    assert campaign.plan_file.read().startswith(b"%PDF")
    log = ActivityLog.objects.for_object(campaign).get()
    assert (log.action, log.actor, log.new_state) == ("campaign.created", staff_user, "draft")


def test_an_officer_may_not_create_a_campaign_and_nothing_is_written():
    officer = OfficerMembershipFactory().user
    form = valid_form(form_data(UnitFactory()))

    with pytest.raises(CampaignError, match="Bạn không có quyền tạo phong trào thi đua."):
        save_campaign(form, by=officer)

    assert (Campaign.objects.count(), ActivityLog.objects.count()) == (0, 0)


def test_a_closed_campaign_is_not_edited(staff_user):
    campaign = CampaignFactory(status=CampaignStatus.CLOSED, title="Cũ")
    form = valid_form(form_data(campaign.issuing_unit, title="Mới"), instance=campaign)

    with pytest.raises(CampaignError, match="đã kết thúc, không sửa được nữa"):
        save_campaign(form, by=staff_user)

    campaign.refresh_from_db()
    assert (campaign.title, ActivityLog.objects.count()) == ("Cũ", 0)


def test_editing_keeps_the_state_and_is_logged(staff_user):
    campaign = CampaignFactory(status=CampaignStatus.LAUNCHED)
    form = valid_form(form_data(campaign.issuing_unit, title="Tên mới"), instance=campaign)

    save_campaign(form, by=staff_user)

    campaign.refresh_from_db()
    assert (campaign.title, campaign.status) == ("Tên mới", CampaignStatus.LAUNCHED)
    assert ActivityLog.objects.for_object(campaign).get().action == "campaign.updated"


def test_launching_a_draft_is_logged_with_the_previous_state(staff_user):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)

    set_campaign_state(campaign, CampaignStatus.LAUNCHED, by=staff_user)

    assert Campaign.objects.get().status == CampaignStatus.LAUNCHED
    assert campaign.status == CampaignStatus.LAUNCHED
    log = ActivityLog.objects.for_object(campaign).get()
    assert (log.action, log.previous_state, log.new_state) == (
        "campaign.state",
        "draft",
        "launched",
    )


def test_a_stale_copy_is_refused_and_nothing_changes(staff_user):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    stale = Campaign.objects.get(pk=campaign.pk)
    set_campaign_state(campaign, CampaignStatus.LAUNCHED, by=staff_user)

    with pytest.raises(CampaignError, match="vừa được người khác chuyển sang “Đã phát động”"):
        set_campaign_state(stale, CampaignStatus.CLOSED, by=staff_user)

    assert Campaign.objects.get().status == CampaignStatus.LAUNCHED
    assert ActivityLog.objects.count() == 1


def test_a_closed_campaign_cannot_be_launched_again(staff_user):
    campaign = CampaignFactory(status=CampaignStatus.CLOSED)

    with pytest.raises(
        CampaignError, match="Không thể chuyển phong trào từ “Đã kết thúc” sang “Đã phát động”."
    ):
        set_campaign_state(campaign, CampaignStatus.LAUNCHED, by=staff_user)

    assert Campaign.objects.get().status == CampaignStatus.CLOSED
    assert ActivityLog.objects.count() == 0


def test_an_officer_may_not_launch(staff_user):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    officer = OfficerMembershipFactory().user

    with pytest.raises(CampaignError, match="Bạn không có quyền"):
        set_campaign_state(campaign, CampaignStatus.LAUNCHED, by=officer)

    assert Campaign.objects.get().status == CampaignStatus.DRAFT
    assert ActivityLog.objects.count() == 0


def test_closing_an_open_ended_campaign_records_the_decision_and_ends_it(staff_user):
    campaign = CampaignFactory(end_date=None, end_condition="đến khi hết dịch")

    close_campaign(
        campaign,
        by=staff_user,
        closing_number=" 1520/QĐ-UBND ",
        closing_date=datetime.date(2022, 5, 4),
    )

    stored = Campaign.objects.get()
    assert (stored.status, stored.closing_number, stored.closing_date, stored.end_date) == (
        CampaignStatus.CLOSED,
        "1520/QĐ-UBND",
        datetime.date(2022, 5, 4),
        datetime.date(2022, 5, 4),
    )
    assert ActivityLog.objects.for_object(campaign).get().note == "Quyết định số 1520/QĐ-UBND"


def test_closing_keeps_an_end_date_already_set(staff_user):
    campaign = CampaignFactory(end_date=datetime.date(2021, 12, 31))

    close_campaign(
        campaign, by=staff_user, closing_number="9/QĐ-UBND", closing_date=datetime.date(2022, 1, 5)
    )

    assert Campaign.objects.get().end_date == datetime.date(2021, 12, 31)


def test_closing_before_the_start_is_refused_and_nothing_changes(staff_user):
    campaign = CampaignFactory(start_date=datetime.date(2021, 9, 1))

    with pytest.raises(CampaignError, match="không thể trước ngày bắt đầu"):
        close_campaign(
            campaign,
            by=staff_user,
            closing_number="9/QĐ-UBND",
            closing_date=datetime.date(2021, 8, 1),
        )

    stored = Campaign.objects.get()
    assert (stored.status, stored.closing_number, ActivityLog.objects.count()) == (
        CampaignStatus.LAUNCHED,
        "",
        0,
    )


def test_closing_a_draft_is_refused(staff_user):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)

    with pytest.raises(CampaignError, match="Không thể chuyển phong trào từ “Dự thảo”"):
        close_campaign(
            campaign, by=staff_user, closing_number="9", closing_date=datetime.date(2022, 1, 5)
        )

    assert Campaign.objects.get().status == CampaignStatus.DRAFT
