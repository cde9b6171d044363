"""The nominations import pages: the campaign's template, upload, report, confirmation;
out of scope is a 404, anonymous a sign-in."""

import io

import openpyxl
import pytest
from django.urls import reverse

from awards.enums import NominationState
from awards.models import Nomination, NominationImport
from common.excel.jobs import ImportStage
from tests.factories import (
    AwardTypeFactory,
    CampaignFactory,
    IndividualFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.support.workbooks import upload, workbook

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

START = reverse("awards:nomination_import")
TEMPLATE = reverse("awards:nomination_import_template")
HEADER = [
    "Đối tượng",
    "Họ tên hoặc tên tập thể",
    "Danh hiệu, hình thức đề nghị",
    "Tóm tắt thành tích",
    "Ngày lập thành tích",
]


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    police = UnitFactory(name="Công an tỉnh")
    merit = AwardTypeFactory(name="Giấy khen của Giám đốc Sở", code="giay-khen-so")
    campaign = CampaignFactory(title="Phong trào thi đua phòng, chống dịch COVID-19")
    campaign.allowed_award_types.set([merit])
    IndividualFactory(full_name="Nguyễn Thị Ngọc Hằng", unit=health)
    return {
        "health": health,
        "police": police,
        "campaign": campaign,
        "officer": OfficerMembershipFactory(unit=health, user=UserFactory()).user,
        "stranger": OfficerMembershipFactory(unit=police, user=UserFactory()).user,
    }


ROW = ["Cá nhân", "Nguyễn Thị Ngọc Hằng", "Giấy khen của Giám đốc Sở", "Tận tụy", "15/09/2021"]


def send(client, world, unit, *rows):
    data = workbook(HEADER, *rows)
    return client.post(
        START, {"campaign": world["campaign"].pk, "nominating_unit": unit.pk, "file": upload(data)}
    )


def test_the_campaigns_template_lists_its_forms(client, world):
    client.force_login(world["officer"])

    response = client.get(TEMPLATE, {"campaign": world["campaign"].pk})

    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.worksheets[1]["F1"].value == "Giấy khen của Giám đốc Sở"
    assert client.get(TEMPLATE, {"campaign": 0}).status_code == 404


def test_upload_report_confirm(client, world):
    client.force_login(world["officer"])

    response = send(client, world, world["health"], ROW)

    job = NominationImport.objects.get()
    assert response.url == reverse("awards:nomination_import_detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "Đề nghị mới: <strong>1</strong>" in page
    client.post(reverse("awards:nomination_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.stage == ImportStage.WRITTEN
    assert list(Nomination.objects.values_list("state", flat=True)) == [NominationState.DRAFT]


def test_the_nomination_list_offers_the_import(client, world):
    client.force_login(world["officer"])

    page = client.get(reverse("awards:nomination_list")).content.decode()

    assert 'id="import-nominations"' in page


def test_another_units_officer_gets_404_everywhere(client, world):
    client.force_login(world["officer"])
    send(client, world, world["health"], ROW)
    job = NominationImport.objects.get()
    client.force_login(world["stranger"])

    for view in ("detail", "progress", "file"):
        url = reverse(f"awards:nomination_import_{view}", args=[job.pk])
        assert client.get(url).status_code == 404
    for view in ("confirm", "retry"):
        url = reverse(f"awards:nomination_import_{view}", args=[job.pk])
        assert client.post(url).status_code == 404
    assert Nomination.objects.count() == 0


def test_an_officer_cannot_upload_for_another_unit(client, world):
    client.force_login(world["officer"])

    response = send(client, world, world["police"], ROW)

    assert "Chỉ chọn được đơn vị mình phụ trách" in response.content.decode()
    assert NominationImport.objects.count() == 0


def test_someone_without_a_role_gets_404_and_anonymous_signs_in(client, world):
    client.force_login(UserFactory())
    assert client.get(START).status_code == 404
    assert client.get(TEMPLATE, {"campaign": world["campaign"].pk}).status_code == 404
    client.logout()
    response = client.get(START)
    assert response.url.startswith(reverse("login"))
