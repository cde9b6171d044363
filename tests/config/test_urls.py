"""The error pages (config/urls.py handlers and templates/4xx, 500), as a user gets them
with DEBUG off: the portal's own pages, in Vietnamese."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

pytestmark = [
    pytest.mark.unit,
    pytest.mark.django_db,
    pytest.mark.urls("tests.support.error_urls"),
]


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_a_wrong_url_is_the_portal_404_page(client):
    client.force_login(UserFactory())

    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text
    assert 'action="/accounts/logout/"' in response.text  # the portal's navbar, signed in


def test_a_refusal_is_the_portal_403_page(client):
    response = client.get("/test-errors/403/")

    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.text
    assert '<html lang="vi">' in response.text


def test_a_bad_request_is_the_portal_400_page(client):
    response = client.get("/test-errors/400/")

    assert response.status_code == 400
    assert "Cổng không hiểu được yêu cầu vừa gửi." in response.text


def test_a_bug_is_the_static_500_page_without_a_query(client):
    client.raise_request_exception = False

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/test-errors/500/")

    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.text
    assert "Đã xảy ra lỗi khi xử lý yêu cầu." in response.text
    assert len(queries) == 0


def test_a_stale_form_is_the_portal_csrf_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.text


def test_too_many_fields_get_the_400_page_saying_so(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5

    response = client.post("/accounts/login/", {f"field{n}": "x" for n in range(10)})

    assert response.status_code == 400
    assert "Biểu mẫu gửi lên có quá nhiều trường dữ liệu." in response.text


def test_a_body_too_big_gets_the_400_page_saying_so(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100

    response = client.post("/accounts/login/", {"username": "x" * 500, "password": "y"})

    assert response.status_code == 400
    assert "Dữ liệu gửi lên quá lớn." in response.text
