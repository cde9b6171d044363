"""The third-party admin pages speak Vietnamese: locale/vi's hand-kept catalogues.

django-celery-beat, django-axes and django-simple-history ship no Vietnamese catalogue; the
project's ``locale/vi`` supplies their labels, actions and headings, and the strings Django's
own Vietnamese catalogues lack (the admin scripts' ones too).  Each page below shows the
Vietnamese label and none of the English one it replaces; English visitors keep English.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from tests.conftest import admin_url
from tests.factories.units import UnitFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


@pytest.fixture
def periodic_task():
    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    return PeriodicTask.objects.create(
        name="Quét hộp thư đi", task="common.publish_outbox", interval=every_minute
    )


@pytest.fixture
def access_attempt():
    return AccessAttempt.objects.create(
        username="officer1",
        ip_address="10.0.0.7",
        user_agent="Firefox",
        path_info="/accounts/login/",
        http_accept="text/html",
        get_data="",
        post_data="",
        failures_since_start=2,
    )


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def assert_vietnamese(html, vietnamese, english):
    assert [label for label in vietnamese if label not in html] == []
    assert [label for label in english if label in html] == []


def test_periodic_task_change_list_is_vietnamese(superuser_client, periodic_task):
    html = page(superuser_client, admin_url(PeriodicTask, "changelist"))

    assert_vietnamese(
        html,
        vietnamese=[
            ">Tên<",
            ">Đang bật<",
            ">Lịch lặp theo khoảng<",
            ">Thời điểm bắt đầu<",
            ">Lần chạy gần nhất<",
            ">Tác vụ chạy một lần<",
            "Bật các tác vụ đã chọn",
            "Tắt các tác vụ đã chọn",
            "Chạy ngay các tác vụ đã chọn",
            "mỗi phút",
            "Hiện số lượng",
        ],
        english=[
            ">Name<",
            ">Enabled<",
            "Interval Schedule",
            "Start Datetime",
            "Last Run Datetime",
            "One-off Task",
            "Enable selected tasks",
            "Disable selected tasks",
            "Run selected tasks",
            "every minute",
            "Show counts",
        ],
    )


def test_periodic_task_change_form_is_vietnamese(superuser_client, periodic_task):
    html = page(superuser_client, admin_url(PeriodicTask, "change", periodic_task.pk))

    assert_vietnamese(
        html,
        vietnamese=[
            "Tên:",
            "Tác vụ (đã đăng ký):",
            "Mô tả ngắn cho tác vụ này",
            "Lịch theo giờ, ngày (cron):",
            "Lịch chạy một lần:",
            "Tham số theo vị trí:",
            "Tùy chọn thực thi",
            "Độ ưu tiên:",
        ],
        english=[
            "Name:",
            "Task (registered)",
            "Short Description For This Task",
            "Crontab Schedule",
            "Clocked Schedule",
            "Positional Arguments",
            "Execution Options",
            "Priority:",
        ],
    )


def test_access_attempt_change_list_is_vietnamese(superuser_client, access_attempt):
    html = page(superuser_client, admin_url(AccessAttempt, "changelist"))

    assert_vietnamese(
        html,
        vietnamese=[
            ">Thời điểm đăng nhập<",
            ">Địa chỉ IP<",
            ">Trình duyệt (User Agent)<",
            ">Tên đăng nhập<",
            ">Đường dẫn<",
            ">Số lần đăng nhập sai<",
            "Xóa các lần đăng nhập sai đã hết hạn",
            "Bởi Bị khóa",
        ],
        english=[
            "Attempt Time",
            "IP Address",
            "User Agent<",
            ">Username<",
            ">Path<",
            "Failed Logins",
            "Clean up expired attempts",
            "Locked Out",
        ],
    )


def test_access_attempt_change_form_is_vietnamese(superuser_client, access_attempt):
    html = page(superuser_client, admin_url(AccessAttempt, "change", access_attempt.pk))

    assert_vietnamese(
        html,
        vietnamese=["Dữ liệu biểu mẫu", "Thông tin yêu cầu", "Dữ liệu POST:", "Tên đăng nhập:"],
        english=["Form Data", "Meta Data", "POST Data", "Username:"],
    )


def test_access_log_change_list_names_the_logout_time_in_vietnamese(superuser_client):
    AccessLog.objects.create(
        username="officer1",
        ip_address="10.0.0.7",
        user_agent="Firefox",
        path_info="/accounts/login/",
        http_accept="text/html",
        attempt_time=timezone.now(),
    )

    html = page(superuser_client, admin_url(AccessLog, "changelist"))

    assert_vietnamese(html, vietnamese=[">Thời điểm đăng xuất<"], english=["Logout Time"])


def test_history_page_is_vietnamese(superuser_client):
    unit = UnitFactory()

    html = page(superuser_client, admin_url(type(unit), "history", unit.pk))

    assert_vietnamese(
        html,
        vietnamese=[
            "Chọn một thời điểm trong danh sách dưới đây để khôi phục phiên bản trước",
            ">Đối tượng<",
            ">Ghi chú<",
            ">Người thay đổi<",
            ">Lý do thay đổi<",
            ">Nội dung thay đổi<",
            "Tạo mới",
            "1 bản ghi",
        ],
        english=[
            "Choose a date",
            ">Object<",
            ">Comment<",
            "Changed by",
            "Change reason",
            ">Changes<",
            "Created",
            "1 entry",
        ],
    )


def test_english_visitors_keep_the_packages_english_labels(superuser_client, periodic_task):
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = page(superuser_client, admin_url(PeriodicTask, "changelist"))

    assert_vietnamese(
        html,
        vietnamese=["Enable selected tasks", "Last Run Datetime"],
        english=["Bật các tác vụ đã chọn", "Lần chạy gần nhất"],
    )


def test_admin_script_catalogue_names_the_days_and_selector_buttons_in_vietnamese(
    superuser_client,
):
    script = page(superuser_client, reverse("admin:jsi18n"))

    for english, vietnamese in [
        ("Sunday", "Chủ nhật"),
        ("Choose all %s", "Chọn tất cả %s"),
        ("(click to clear)", "(bấm để xóa)"),
    ]:
        assert f"{json.dumps(english)}: {json.dumps(vietnamese)}" in script


def test_django_form_messages_its_catalogue_lacks_come_out_in_vietnamese():
    with translation.override("vi"):
        json_error = translation.gettext("Enter a valid JSON.")
        too_many = translation.ngettext(
            "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 3
        ) % {"num": 3}

    assert (json_error, too_many) == ("Nhập JSON hợp lệ.", "Vui lòng gửi tối đa 3 biểu mẫu.")


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_committed_catalogue_is_compiled_from_the_po_file(tmp_path, domain):
    compiled = tmp_path / f"{domain}.mo"

    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(CATALOGUE / f"{domain}.po")],
        check=True,
    )

    assert compiled.read_bytes() == (CATALOGUE / f"{domain}.mo").read_bytes()


def test_periodic_task_with_unreadable_json_is_refused_in_vietnamese(
    superuser_client, periodic_task
):
    names_before = sorted(PeriodicTask.objects.values_list("name", flat=True))

    response = superuser_client.post(
        admin_url(PeriodicTask, "add"),
        {
            "name": "Tác vụ thử",
            "regtask": "common.publish_outbox",
            "enabled": "on",
            "interval": periodic_task.interval_id,
            "args": "[1,",
            "kwargs": "{}",
            "headers": "{}",
        },
    )

    assert response.status_code == 200
    assert "Không đọc được JSON: " in response.text
    assert "Unable to parse JSON" not in response.text
    assert sorted(PeriodicTask.objects.values_list("name", flat=True)) == names_before


def test_the_history_and_add_buttons_read_right_in_vietnamese(superuser_client):
    """Django's own Vietnamese says "Bản ghi nhớ" (a memo) and "Thêm vào"; ours replaces them."""
    unit = UnitFactory()

    form = page(superuser_client, admin_url(type(unit), "change", unit.pk))
    changes = page(superuser_client, admin_url(type(unit), "changelist"))

    assert ">Lịch sử thay đổi</a>" in form
    assert "Bản ghi nhớ" not in form
    assert "Thêm vào" not in changes
