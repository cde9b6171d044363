"""The page shell: login, logout, the navbar, language switch, error pages."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import permission_denied, server_error

from tests.factories import (
    CampaignFactory,
    CouncilMembershipFactory,
    OfficerMembershipFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def home_html(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, response.content.decode()


# --- Login and logout ---------------------------------------------------------


def test_login_page_is_vietnamese_by_default(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Tên đăng nhập" in html
    assert "Mật khẩu" in html


def test_wrong_password_shows_the_vietnamese_error(client, staff_user):
    response = client.post(reverse("login"), {"username": "staff_t", "password": "wrong-pass"})
    assert response.status_code == 200
    assert (
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác. "
        "Chú ý rằng cả hai khung thông tin đều phân biệt chữ hoa và chữ thường."
    ) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_password_logs_in_and_goes_home(client, staff_user):
    response = client.post(reverse("login"), {"username": "staff_t", "password": "x-test-pass-1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_logout_by_post(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_navbar_greets_the_user_family_name_first(client, staff_user):
    staff_user.first_name, staff_user.last_name = "Lan", "Trần Thị"
    staff_user.save()
    _, html = home_html(client, staff_user)
    assert "Xin chào, Trần Thị Lan" in html
    assert "Lan Trần Thị" not in html


def test_logout_form_in_the_navbar_posts(client, staff_user):
    _, html = home_html(client, staff_user)
    assert f'<form method="post" action="{reverse("logout")}">' in html


def test_navbar_has_achievements_for_officers_only(client, staff_user):
    officer = OfficerMembershipFactory()
    _, html = home_html(client, officer.user)
    link = f'href="{reverse("awards:achievement_list")}"'
    assert link in html
    _, staff_html = home_html(client, staff_user)
    assert link not in staff_html


def test_pages_have_no_inline_script_or_style(client, staff_user):
    OfficerMembershipFactory(user=staff_user)
    CouncilMembershipFactory(user=staff_user)
    CampaignFactory(nomination_deadline=timezone.localdate() + datetime.timedelta(3))
    for html in (home_html(client, staff_user)[1], client.get(reverse("login")).content.decode()):
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
        assert "<style" not in html
        assert " style=" not in html
        assert 'hx-headers=\'{"X-CSRFToken": "' in html


# --- Language switch ------------------------------------------------------------


def test_language_switch_to_english_and_back(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Log out" in html
    assert "Campaigns under way" in html
    assert "Đăng xuất" not in html
    assert "Phong trào đang phát động" not in html

    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng xuất" in html


def test_language_switch_form_on_every_page(client, staff_user):
    html = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language"' in html
    assert 'value="vi"' in html
    assert 'value="en"' in html


# --- Error pages ----------------------------------------------------------------


def test_unknown_url_renders_the_vietnamese_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Về trang chủ" in html


def test_403_page_is_vietnamese(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = permission_denied(request, exception=PermissionDenied())
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_500_page_is_static(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi hệ thống" in html
    assert '<html lang="vi">' in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode()
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="vi")
    assert "Log in" in page.content.decode()
