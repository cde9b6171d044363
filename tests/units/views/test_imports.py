"""The staff-list import pages: the template, the upload and its report, the confirmation,
the progress; out of scope is a 404, anonymous a sign-in."""

import io

import openpyxl
import pytest
from django.urls import reverse

from common.excel.jobs import ImportStage
from tests.factories import OfficerMembershipFactory, UnitFactory, UserFactory
from tests.support.workbooks import upload, workbook
from tests.units.conftest import HEADER, staff_row
from units.models import Individual, StaffImport

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

START = reverse("units:staff_import")
TEMPLATE = reverse("units:staff_import_template")


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    police = UnitFactory(name="Công an tỉnh")
    return {
        "health": health,
        "police": police,
        "officer": OfficerMembershipFactory(unit=health, user=UserFactory()).user,
        "stranger": OfficerMembershipFactory(unit=police, user=UserFactory()).user,
    }


def send(client, unit, data, name="danh-sach.xlsx"):
    return client.post(START, {"unit": unit.pk, "file": upload(data, name)})


def job_urls(job):
    return [
        reverse(f"units:staff_import_{view}", args=[job.pk])
        for view in ("detail", "progress", "file")
    ]


def test_the_template_downloads_as_xlsx_with_the_columns(client, world):
    client.force_login(world["officer"])

    response = client.get(TEMPLATE)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[2]][:4] == ["STT", "Họ và tên *", "Giới tính *", "Ngày sinh *"]


def test_upload_report_confirm(client, world):
    client.force_login(world["officer"])

    response = send(client, world["health"], workbook(HEADER, staff_row(1, "Nguyễn Văn An")))

    job = StaffImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("units:staff_import_detail", args=[job.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Nguyễn Văn An" in page.content.decode()
    assert Individual.objects.count() == 0

    response = client.post(reverse("units:staff_import_confirm", args=[job.pk]))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.stage == ImportStage.WRITTEN
    assert list(Individual.objects.values_list("full_name", "unit")) == [
        ("Nguyễn Văn An", world["health"].pk)
    ]


def test_a_file_with_errors_shows_them_and_keeps_the_file(client, world):
    client.force_login(world["officer"])
    data = workbook(HEADER, staff_row(1, "Nguyễn Văn An", born="hôm qua"))

    send(client, world["health"], data)

    job = StaffImport.objects.get()
    page = client.get(reverse("units:staff_import_detail", args=[job.pk])).content.decode()
    assert "“hôm qua” không phải ngày hợp lệ" in page
    assert 'id="confirm-import"' not in page
    again = f'href="{START}?unit={world["health"].pk}"'
    assert again in page  # the fixed file goes to the same unit
    form = client.get(f"{START}?unit={world['health'].pk}").context["form"]
    assert form.initial["unit"] == str(world["health"].pk)
    kept = client.get(reverse("units:staff_import_file", args=[job.pk]))
    assert b"".join(kept.streaming_content) == data
    assert Individual.objects.count() == 0


def test_a_file_that_is_no_workbook_is_refused_on_the_form(client, world):
    client.force_login(world["officer"])

    response = send(client, world["health"], b"Ho va ten;Gioi tinh\n", name="danh-sach.csv")

    assert response.status_code == 200
    assert "Tệp không phải sổ làm việc Excel (.xlsx)" in response.content.decode()
    assert StaffImport.objects.count() == 0


def test_an_officer_cannot_upload_into_another_units_list(client, world):
    client.force_login(world["officer"])

    response = send(client, world["police"], workbook(HEADER, staff_row(1, "Nguyễn Văn An")))

    assert response.status_code == 200
    assert "Chỉ chọn được đơn vị mình phụ trách" in response.content.decode()
    assert StaffImport.objects.count() == 0


def test_another_units_officer_gets_404_everywhere(client, world):
    client.force_login(world["officer"])
    send(client, world["health"], workbook(HEADER, staff_row(1, "Nguyễn Văn An")))
    job = StaffImport.objects.get()
    client.force_login(world["stranger"])

    for url in job_urls(job):
        assert client.get(url).status_code == 404
    assert client.post(reverse("units:staff_import_confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.stage == ImportStage.READY


def test_someone_without_a_role_gets_404(client):
    client.force_login(UserFactory())

    assert client.get(START).status_code == 404
    assert client.get(TEMPLATE).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    job = StaffImport.objects.create(unit=world["health"], file="x.xlsx")
    for url in [START, TEMPLATE, *job_urls(job)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_staff_may_import_into_any_unit(client, world, staff_user):
    client.force_login(staff_user)

    send(client, world["police"], workbook(HEADER, staff_row(1, "Nguyễn Văn An")))

    assert StaffImport.objects.get().unit == world["police"]


def test_a_failure_while_writing_rolls_back_and_shows_on_the_page(client, world, monkeypatch):
    from units.services.staff_import import StaffImporter

    client.force_login(world["officer"])
    send(client, world["health"], workbook(HEADER, staff_row(1, "Nguyễn Văn An")))
    job = StaffImport.objects.get()
    real_write = StaffImporter.write

    def write_then_fail(self, job, plan, step):  # fault injection: the disk fills up
        real_write(self, job, plan, step)
        raise OSError("No space left on device")

    monkeypatch.setattr(StaffImporter, "write", write_then_fail)

    response = client.post(reverse("units:staff_import_confirm", args=[job.pk]))

    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.stage, job.state) == (ImportStage.WRITING, "failed")
    assert Individual.objects.count() == 0
    page = client.get(response.url).content.decode()
    assert "Lỗi khi nhập" in page and "No space left on device" in page
    assert 'id="retry-import"' in page

    monkeypatch.setattr(StaffImporter, "write", real_write)  # the disk has room again
    client.post(reverse("units:staff_import_retry", args=[job.pk]))

    job.refresh_from_db()
    assert (job.stage, job.state) == (ImportStage.WRITTEN, "done")
    assert list(Individual.objects.values_list("full_name", flat=True)) == ["Nguyễn Văn An"]


def test_a_retry_of_what_did_not_fail_is_refused_and_a_stranger_gets_404(client, world):
    client.force_login(world["officer"])
    send(client, world["health"], workbook(HEADER, staff_row(1, "Nguyễn Văn An")))
    job = StaffImport.objects.get()
    retry = reverse("units:staff_import_retry", args=[job.pk])

    response = client.post(retry, follow=True)

    assert "không cần chạy lại" in response.content.decode()
    client.force_login(world["stranger"])
    assert client.post(retry).status_code == 404
    job.refresh_from_db()
    assert (job.stage, job.state) == (ImportStage.READY, "done")
