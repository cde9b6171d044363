"""Sign-in lockout (common/lockout.py): per account across addresses, per address across
accounts, the growing delay, the trusted proxy, and the password reset that lifts a lock."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone

from common.lockout import client_address, current_lock, lock_duration
from tests.factories import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

LOGIN = "/accounts/login/"
PASSWORD = "x-test-pass-1"


@pytest.fixture(autouse=True)
def lockout_settings(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 30
    settings.LOGIN_LOCK_BASE = 60
    settings.LOGIN_LOCK_MAX = 24 * 60 * 60
    settings.TRUSTED_PROXIES = []
    return settings


def sign_in(client, username, password, address="10.0.0.1", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def test_an_account_locks_after_five_failures_from_five_addresses(client):
    user = UserFactory(username="admin")
    answers = [sign_in(client, "admin", "wrong", f"10.0.0.{n}").status_code for n in range(1, 6)]

    response = sign_in(client, "admin", PASSWORD, "10.0.0.99")

    until = timezone.localtime(current_lock("admin", None).until)
    assert answers == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert (
        "Tên đăng nhập này đã bị nhập sai mật khẩu hoặc mã xác thực hai bước quá nhiều lần"
        in response.text
    )
    assert f"Bạn có thể thử lại sau {until:%H:%M} ngày {until:%d/%m/%Y}." in response.text
    assert 'href="/accounts/password-reset/"' in response.text
    assert not signed_in(client)
    assert user.username == "admin"


def test_thirty_addresses_spraying_one_account_never_get_through(client):
    UserFactory(username="admin")
    for n in range(30):
        sign_in(client, "admin", "wrong", f"203.0.113.{n}")

    response = sign_in(client, "admin", PASSWORD, "198.51.100.7")

    assert response.status_code == 429
    assert not signed_in(client)
    # Only the five failures before the lock were counted; tries while locked are not.
    assert sum(a.failures_since_start for a in AccessAttempt.objects.all()) == 5


def test_an_address_locks_after_thirty_failures_over_many_accounts(client):
    UserFactory(username="victim")
    for n in range(30):
        sign_in(client, f"someone{n}", "wrong", "10.9.9.9")

    from_there = sign_in(client, "victim", PASSWORD, "10.9.9.9")
    from_elsewhere = sign_in(client, "victim", PASSWORD, "10.1.1.1")

    assert from_there.status_code == 429
    assert "Từ địa chỉ mạng của bạn đã có quá nhiều lần đăng nhập sai" in from_there.text
    assert from_elsewhere.status_code == 302
    assert signed_in(client)


def test_one_person_behind_an_untrusted_proxy_does_not_lock_a_colleague(client):
    """Ten typos by one user at the proxy's address leave another account alone."""
    UserFactory(username="staff")
    for _ in range(10):
        sign_in(client, "clumsy", "wrong", "172.18.0.1")

    response = sign_in(client, "staff", PASSWORD, "172.18.0.1")

    assert response.status_code == 302
    assert signed_in(client)


def age_failures(seconds):
    """Time passes: every recorded failure happened ``seconds`` earlier."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=seconds))


def lock_length(username):
    """Seconds from the account's last failure to the end of its lock."""
    lock = current_lock(username, None)
    last = AccessAttempt.objects.filter(username=username).latest("attempt_time").attempt_time
    return (lock.until - last).total_seconds()


def test_the_delay_doubles_with_each_failure_after_a_lock_ends(client):
    UserFactory(username="admin")
    for _ in range(5):
        sign_in(client, "admin", "wrong")
    first = lock_length("admin")
    age_failures(61)
    unlocked_after_first = current_lock("admin", None)
    sign_in(client, "admin", "wrong")  # the sixth failure
    second = lock_length("admin")
    age_failures(121)
    unlocked_after_second = current_lock("admin", None)
    sign_in(client, "admin", "wrong")  # the seventh
    third = lock_length("admin")

    assert (first, second, third) == (60, 120, 240)
    assert (unlocked_after_first, unlocked_after_second) == (None, None)


def test_lock_duration_is_capped():
    assert lock_duration(5, 5) == timedelta(minutes=1)
    assert lock_duration(8, 5) == timedelta(minutes=8)
    assert lock_duration(500, 5) == timedelta(days=1)


def test_the_right_password_works_again_when_the_lock_ends(client):
    UserFactory(username="admin")
    for _ in range(5):
        sign_in(client, "admin", "wrong")
    refused = sign_in(client, "admin", PASSWORD)
    age_failures(61)
    accepted = sign_in(client, "admin", PASSWORD)

    assert refused.status_code == 429
    assert accepted.status_code == 302
    assert AccessAttempt.objects.filter(username="admin").count() == 0


def test_failures_are_forgotten_a_day_after_the_last(client):
    UserFactory(username="admin")
    for _ in range(12):  # locked for 2**7 minutes after the twelfth
        sign_in(client, "admin", "wrong")
        age_failures(60 * 2**7 + 1)
    age_failures(24 * 60 * 60)

    response = sign_in(client, "admin", "wrong")  # would be the 13th: 256 minutes

    assert response.status_code == 200
    assert current_lock("admin", None) is None
    assert list(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == [1]


def test_a_successful_sign_in_does_not_wipe_the_failures_of_its_address(client):
    UserFactory(username="attacker")
    for n in range(4):
        sign_in(client, "admin", "wrong", "10.0.0.5", HTTP_USER_AGENT=f"agent {n}")

    sign_in(client, "attacker", PASSWORD, "10.0.0.5")

    assert sum(a.failures_since_start for a in AccessAttempt.objects.filter(username="admin")) == 4


# --- The client's address ---------------------------------------------------------


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post(LOGIN, **meta)


def test_forwarded_header_is_ignored_by_default(settings):
    assert client_address(request_from("172.18.0.1", "198.51.100.7")) == "172.18.0.1"


def test_forwarded_header_is_read_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12"]

    assert client_address(request_from("172.18.0.1", "198.51.100.7")) == "198.51.100.7"


def test_forwarded_header_from_an_untrusted_address_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12"]

    assert client_address(request_from("198.51.100.9", "10.0.0.1")) == "198.51.100.9"


def test_addresses_the_client_wrote_in_front_are_skipped(settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12", "10.1.1.1"]

    got = client_address(request_from("172.18.0.1", "1.2.3.4, 198.51.100.7, 10.1.1.1"))

    assert got == "198.51.100.7"


def test_a_garbled_forwarded_header_falls_back_to_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12"]

    assert client_address(request_from("172.18.0.1", "not-an-address")) == "172.18.0.1"


def test_behind_a_trusted_proxy_each_client_has_its_own_address_lock(client, settings):
    settings.TRUSTED_PROXIES = ["172.18.0.1"]
    UserFactory(username="staff")
    for n in range(30):
        sign_in(client, f"x{n}", "wrong", "172.18.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")

    attacker = sign_in(
        client, "staff", PASSWORD, "172.18.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66"
    )
    colleague = sign_in(
        client, "staff", PASSWORD, "172.18.0.1", HTTP_X_FORWARDED_FOR="198.51.100.67"
    )

    assert attacker.status_code == 429
    assert colleague.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}


def test_behind_an_untrusted_proxy_the_header_cannot_dodge_the_address_lock(client):
    for n in range(30):
        sign_in(client, f"x{n}", "wrong", "10.9.9.9", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")

    response = sign_in(client, "x99", "wrong", "10.9.9.9", HTTP_X_FORWARDED_FOR="1.1.1.200")

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.9.9.9"}


# --- The password reset lifts the account's lock ------------------------------------------


def test_a_password_reset_unlocks_the_account(client):
    user = UserFactory(username="admin", email="admin@example.org")
    for n in range(5):
        sign_in(client, "admin", "wrong", f"10.0.0.{n}")
    assert sign_in(client, "admin", PASSWORD).status_code == 429

    client.post("/accounts/password-reset/", {"email": "admin@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    form_page = client.get(link, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-pass-2026", "new_password2": "a-new-pass-2026"},
    )
    after = sign_in(client, "admin", "a-new-pass-2026")

    assert done.status_code == 302
    assert after.status_code == 302
    assert signed_in(client)
    user.refresh_from_db()
    assert user.check_password("a-new-pass-2026")
