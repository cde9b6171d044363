"""The pages of common/views.py: email preferences (always the logged-in user's own) and
the health check."""

import re

import pytest
from django.urls import reverse

from common.models import EmailMode, Notification, UserPreference, log_activity
from common.notifications import notify
from tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

URL = "/accounts/preferences/"


def checked_mode(html):
    """The value of the checked email-mode radio button."""
    found = re.findall(r'<input[^>]*name="email_mode"[^>]*>', html)
    checked = [tag for tag in found if " checked" in tag]
    assert len(found) == 3 and len(checked) == 1
    return re.search(r'value="([^"]+)"', checked[0]).group(1)


def test_the_url():
    assert reverse("preferences") == URL


def test_page_shows_the_three_modes_with_the_default_checked(client):
    user = UserFactory()
    client.force_login(user)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert checked_mode(html) == EmailMode.IMMEDIATE
    for label in (
        "Gửi thư ngay khi có thông báo",
        "Gộp thành một thư mỗi ngày",
        "Không gửi thư (chỉ xem trên cổng)",
    ):
        assert label in html
    assert "Thư đôn đốc hạn chót" in html
    assert "không tắt được" in html
    assert user.email in html
    assert not UserPreference.objects.exists()  # looking creates nothing


def test_page_shows_the_saved_mode(client):
    user = UserFactory()
    UserPreference.objects.create(user=user, email_mode=EmailMode.OFF)
    client.force_login(user)
    assert checked_mode(client.get(URL).content.decode()) == EmailMode.OFF


def test_page_warns_a_user_without_address(client):
    user = UserFactory(email="")
    client.force_login(user)
    assert 'id="no-email-address"' in client.get(URL).content.decode()


def test_saving_creates_then_updates_the_preference(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(URL, {"email_mode": EmailMode.DIGEST}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert "Đã lưu cách nhận thư thông báo." in html
    assert checked_mode(html) == EmailMode.DIGEST
    assert list(UserPreference.objects.values_list("user_id", "email_mode")) == [
        (user.pk, EmailMode.DIGEST)
    ]

    client.post(URL, {"email_mode": EmailMode.OFF})
    assert list(UserPreference.objects.values_list("user_id", "email_mode")) == [
        (user.pk, EmailMode.OFF)
    ]


def test_saving_keeps_the_last_digest_time(client):
    user = UserFactory()
    preference = UserPreference.objects.create(
        user=user, email_mode=EmailMode.DIGEST, last_digest_at="2026-12-02T10:00:00Z"
    )
    client.force_login(user)
    client.post(URL, {"email_mode": EmailMode.IMMEDIATE})
    preference.refresh_from_db()
    assert preference.email_mode == EmailMode.IMMEDIATE
    assert preference.last_digest_at.isoformat() == "2026-12-02T10:00:00+00:00"


@pytest.mark.parametrize("value", ["", "weekly", "DIGEST"])
def test_an_unknown_mode_is_refused(client, value):
    user = UserFactory()
    client.force_login(user)

    response = client.post(URL, {"email_mode": value})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"email_mode"}
    assert not UserPreference.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_login(client, method):
    data = {"email_mode": EmailMode.OFF} if method == "post" else None
    response = getattr(client, method)(URL, data)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"
    assert not UserPreference.objects.exists()


def test_a_user_cannot_change_another_users_preference(client):
    me, other = UserFactory(), UserFactory()
    UserPreference.objects.create(user=other, email_mode=EmailMode.IMMEDIATE)
    client.force_login(me)

    # Whatever the form carries, only the logged-in user's row is written.
    client.post(URL, {"email_mode": EmailMode.OFF, "user": other.pk, "user_id": other.pk})

    assert dict(UserPreference.objects.values_list("user_id", "email_mode")) == {
        me.pk: EmailMode.OFF,
        other.pk: EmailMode.IMMEDIATE,
    }
    # …and the page shows the user's own choice, not the other's.
    assert checked_mode(client.get(URL).content.decode()) == EmailMode.OFF


@pytest.mark.parametrize("page", ["home", "notifications"])
def test_the_user_menu_and_the_notifications_page_link_to_it(client, page):
    client.force_login(UserFactory())
    html = client.get(reverse(page)).content.decode()
    assert f'href="{URL}"' in html
    assert "Tùy chọn nhận thư" in html


def test_the_choice_made_on_the_page_decides_the_email(client, mailoutbox):
    user = UserFactory()
    client.force_login(user)
    client.post(URL, {"email_mode": EmailMode.DIGEST})

    notify([user], title="Hồ sơ đã được duyệt", activity=log_activity(UnitFactory(), "test"))

    assert mailoutbox == []
    assert list(Notification.objects.values_list("recipient_id", "in_digest")) == [(user.pk, True)]


def test_healthz_answers_ok_without_the_database_or_a_session(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Set-Cookie" not in response
