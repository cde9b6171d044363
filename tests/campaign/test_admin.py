"""The admin of campaigns and registrations."""

import pytest
from django.contrib import admin

from campaign.models import (
    Campaign,
    CampaignReview,
    Indicator,
    LaunchDelivery,
    LaunchRun,
    Notice,
    NoticeBatch,
    ProgressReport,
    Registration,
    RegistrationTarget,
    Reminder,
    ReminderRule,
    ReportAttachment,
    ReportFigure,
    ReportingRound,
)
from tests.conftest import admin_url
from tests.factories import CampaignFactory, RegistrationFactory, UnitFactory
from units.enums import UnitLevel, UnitType

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_campaign_list_shows_labels_and_links_its_registrations(superuser_client):
    campaign = CampaignFactory(target_unit_types=[UnitType.STATE_AGENCY, UnitType.COMMUNE])
    RegistrationFactory.create_batch(2, campaign=campaign)
    RegistrationFactory()  # another campaign's
    response = superuser_client.get(admin_url(Campaign, "changelist"))
    assert "Cơ quan Nhà nước, Xã, phường, đặc khu" in response.text
    link = f"{admin_url(Registration, 'changelist')}?campaign__id__exact={campaign.pk}"
    assert f'<a href="{link}">2 đăng ký</a>' in response.text
    listed = superuser_client.get(link).context["cl"]
    assert {r.campaign_id for r in listed.result_list} == {campaign.pk}
    assert len(listed.result_list) == 2


def test_adding_a_campaign_stores_the_checked_unit_types(superuser_client):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    response = superuser_client.post(
        admin_url(Campaign, "add"),
        {
            "title": "Phong trào thi đua phòng, chống dịch COVID-19",
            "plan_number": "2777",
            "plan_symbol": "KH-UBND",
            "issuing_unit": province.pk,
            "kind": "thematic",
            "status": "draft",
            "start_date": "2021-06-01",
            "end_condition": "Đến khi hết dịch bệnh theo công bố của Chính phủ",
            "target_unit_types": [UnitType.STATE_AGENCY, UnitType.COMMUNE],
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.target_unit_types == [UnitType.STATE_AGENCY, UnitType.COMMUNE]
    listing = superuser_client.get(admin_url(Campaign, "changelist")).text
    assert "2777/KH-UBND" in listing
    assert "Đến khi hết dịch bệnh theo công bố của Chính phủ" in listing


def test_a_campaign_with_absurd_dates_is_refused_in_the_admin(superuser_client):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    response = superuser_client.post(
        admin_url(Campaign, "add"),
        {
            "title": "Phong trào giữ nguyên tên",
            "plan_number": "2777",
            "plan_symbol": "KH-UBND",
            "issuing_unit": province.pk,
            "kind": "thematic",
            "status": "draft",
            "start_date": "0001-01-01",
            "nomination_deadline": "9999-12-31",
            "target_unit_types": [UnitType.STATE_AGENCY],
        },
    )
    errors = response.context["adminform"].form.errors
    assert errors["start_date"] == ["Ngày 01/01/0001 quá xa: chỉ nhận từ ngày 01/01/2000 trở đi."]
    assert errors["nomination_deadline"][0].startswith("Ngày 31/12/9999 quá xa: chỉ nhận đến")
    assert "Phong trào giữ nguyên tên" in response.text
    assert Campaign.objects.count() == 0


# --- Change lists: a fixed number of queries, whatever the number of rows --------------

#: (model, queries) for every change list of the app, rows built by ``ADMIN_ROWS``.
CHANGELIST_QUERIES = [
    pytest.param(Campaign, 6, id="campaign"),
    pytest.param(Registration, 5, id="registration"),
    pytest.param(ReminderRule, 4, id="reminderrule"),
    pytest.param(Reminder, 6, id="reminder"),
    pytest.param(NoticeBatch, 7, id="noticebatch"),
    pytest.param(Notice, 4, id="notice"),
    pytest.param(LaunchRun, 4, id="launchrun"),
    pytest.param(CampaignReview, 4, id="campaignreview"),
    pytest.param(LaunchDelivery, 4, id="launchdelivery"),
    pytest.param(Indicator, 4, id="indicator"),
    pytest.param(RegistrationTarget, 4, id="registrationtarget"),
    pytest.param(ReportingRound, 4, id="reportinground"),
    pytest.param(ProgressReport, 4, id="progressreport"),
    pytest.param(ReportFigure, 4, id="reportfigure"),
    pytest.param(ReportAttachment, 4, id="reportattachment"),
]


def test_every_change_list_of_the_app_has_its_query_count():
    registered = {model for model in admin.site._registry if model._meta.app_label == "campaign"}
    assert {param.values[0] for param in CHANGELIST_QUERIES} == registered


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("model", "queries"), CHANGELIST_QUERIES)
def test_changelist_queries(assert_changelist_queries, model, queries, rows):
    assert_changelist_queries(model, rows, queries)
