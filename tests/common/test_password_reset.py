"""Password reset by email and password change (common/views.py, templates/registration/)."""

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

RESET = "/accounts/password-reset/"
SENT = "/accounts/password-reset/sent/"
NEW = "a-new-pass-2026"


def reset_link(message):
    return re.search(r"^(\S+/accounts/reset/\S+/)$", message.body, re.MULTILINE).group(1)


def test_the_login_page_links_to_the_password_reset(client):
    response = client.get("/accounts/login/")

    assert '<a href="/accounts/password-reset/" id="forgot-password">' in response.text


def test_the_reset_page_names_its_field_in_vietnamese_and_a_bad_address_is_told(client):
    page = client.get(RESET)
    bad = client.post(RESET, {"email": "canbo@"})

    label = page.text.split('for="id_email"')[1].split("</label>")[0]
    assert label.split(">")[1].split("<")[0].strip() == "Địa chỉ thư điện tử"
    assert bad.status_code == 200
    assert bad.context["form"].errors == {
        "email": ["Địa chỉ thư điện tử chưa đúng, ví dụ đúng: canbo@donvi.gov.vn."]
    }
    assert mail.outbox == []


def test_a_known_address_gets_one_email_with_a_link_on_site_url(client, settings):
    settings.SITE_URL = "https://thidua.example.gov.vn"
    UserFactory(username="canbo", email="canbo@example.org")

    response = client.post(RESET, {"email": "canbo@example.org"})

    assert response.status_code == 302
    assert response["Location"] == SENT
    assert [m.to for m in mail.outbox] == [["canbo@example.org"]]
    assert mail.outbox[0].subject == "Đặt lại mật khẩu Cổng thông tin Thi đua – Khen thưởng"
    assert reset_link(mail.outbox[0]).startswith("https://thidua.example.gov.vn/accounts/reset/")
    assert "Kính gửi canbo," in mail.outbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    UserFactory(username="canbo", email="canbo@example.org")

    response = client.post(RESET, {"email": "nobody@example.org"})
    page = client.get(SENT)

    assert response.status_code == 302
    assert response["Location"] == SENT
    assert mail.outbox == []
    assert "Nếu địa chỉ vừa nhập thuộc về một tài khoản của cổng" in page.text


def test_the_reset_link_sets_a_new_password_once(client, settings):
    settings.SITE_URL = "http://testserver"
    user = UserFactory(username="canbo", email="canbo@example.org")
    client.post(RESET, {"email": "canbo@example.org"})
    link = reset_link(mail.outbox[0]).removeprefix("http://testserver")

    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW}, follow=True)
    again = client.get(link, follow=True)

    assert "Đặt mật khẩu mới" in form_page.text
    assert done.redirect_chain[-1][0] == "/accounts/reset/done/"
    assert "Mật khẩu mới đã được lưu" in done.text
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert "Đường dẫn đặt lại mật khẩu không còn dùng được" in again.text
    assert 'name="new_password1"' not in again.text


def test_a_weak_new_password_is_refused_in_vietnamese_and_nothing_changes(client, settings):
    settings.SITE_URL = "http://testserver"
    user = UserFactory(username="canbo", email="canbo@example.org")
    client.post(RESET, {"email": "canbo@example.org"})
    link = reset_link(mail.outbox[0]).removeprefix("http://testserver")
    form_page = client.get(link, follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"}
    )

    assert response.status_code == 200
    assert "Mật khẩu này quá ngắn: cần ít nhất 8 ký tự." in response.text
    user.refresh_from_db()
    assert user.check_password("x-test-pass-1")


def test_password_change_needs_a_sign_in(client):
    response = client.get("/accounts/password-change/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password-change/"


def test_a_signed_in_user_changes_the_password(client):
    user = UserFactory()
    client.force_login(user)

    page = client.get("/accounts/password-change/")
    response = client.post(
        "/accounts/password-change/",
        {"old_password": "x-test-pass-1", "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )

    assert 'href="/accounts/password-change/"' in page.text  # the user menu's link
    assert response.redirect_chain[-1][0] == "/accounts/password-change/done/"
    assert "Mật khẩu mới đã được lưu" in response.text
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_a_wrong_old_password_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/accounts/password-change/",
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )

    assert response.status_code == 200
    assert "Mật khẩu cũ không chính xác. Hãy nhập lại lần nữa" in response.text
    user.refresh_from_db()
    assert user.check_password("x-test-pass-1")
