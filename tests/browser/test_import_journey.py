"""An officer imports the staff list from Excel: a file with a mistake, its report, the
fixed file, the preview, the confirmation."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from common.text import fold
from tests.support.workbooks import XLSX, workbook
from tests.units.conftest import HEADER, staff_row
from units.models import Individual

from .conftest import log_in

pytestmark = pytest.mark.e2e


def xlsx(name, *rows):
    return {"name": name, "mimeType": XLSX, "buffer": workbook(HEADER, *rows)}


def test_staff_list_from_a_mistake_to_written(demo, live_server, page, shot):
    base = live_server.url
    page.set_default_timeout(15_000)
    officer = get_user_model().objects.get(username="officer1")
    unit = officer.officer_memberships.get().unit
    rows = [
        staff_row(1, "Đặng Thị Thu Thảo", born="14/07/1988", gender="Nữ", position="Điều dưỡng"),
        staff_row(2, "Huỳnh Văn Phúc", born="03/11/1979", number="083079001234"),
    ]

    log_in(page, base, "officer1")
    page.locator("#staff-import-link").click()
    page.locator("#id_unit-ts-control").fill(fold(unit.name))
    page.locator(".ts-dropdown .option", has_text=unit.name).first.click()
    wrong = [list(rows[0]), rows[1]]
    wrong[0][3] = "31/02/1988"
    page.set_input_files("#id_file", xlsx("danh-sach.xlsx", *wrong))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()

    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("“31/02/1988” không phải ngày hợp lệ")
    expect(page.locator("#confirm-import")).to_have_count(0)
    shot(page, "import-1-errors")

    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    page.locator("#id_unit-ts-control").fill(fold(unit.name))
    page.locator(".ts-dropdown .option", has_text=unit.name).first.click()
    page.set_input_files("#id_file", xlsx("danh-sach-da-sua.xlsx", *rows))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()

    expect(page.locator("#import-preview")).to_contain_text("Đặng Thị Thu Thảo")
    assert Individual.objects.filter(full_name="Đặng Thị Thu Thảo").count() == 0
    shot(page, "import-2-preview")
    page.locator("#confirm-import").click()

    expect(page.locator("#import-written")).to_be_visible()
    shot(page, "import-3-written")
    assert sorted(
        Individual.objects.filter(
            unit=unit, full_name__in=["Đặng Thị Thu Thảo", "Huỳnh Văn Phúc"]
        ).values_list("full_name", flat=True)
    ) == ["Huỳnh Văn Phúc", "Đặng Thị Thu Thảo"]
