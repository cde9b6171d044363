"""The admin's list of authenticator devices, and removal for a lost phone (logged)."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.models import ActivityLog
from tests.twofactor.conftest import enrol
from twofactor.activity import TWO_FACTOR_REMOVE

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

CHANGELIST = "admin:twofactor_authenticatordevice_changelist"


def test_changelist_lists_devices_without_their_keys(superuser_client, staff):
    device, _codes = enrol(staff)
    response = superuser_client.get(reverse(CHANGELIST))
    html = response.content.decode()
    assert response.status_code == 200
    assert "staff_2fa" in html
    assert device.key not in html


def test_the_otp_admins_showing_keys_are_not_registered(superuser_client):
    assert TOTPDevice not in admin.site._registry
    assert StaticDevice not in admin.site._registry


def test_remove_action_removes_the_users_devices_and_logs_it(superuser_client, staff, admin_user):
    device, _codes = enrol(staff)
    response = superuser_client.post(
        reverse(CHANGELIST), {"action": "remove_devices", "_selected_action": [device.pk]}
    )
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=staff).count() == 0
    assert StaticDevice.objects.filter(user=staff).count() == 0
    entry = ActivityLog.objects.get(action=TWO_FACTOR_REMOVE)
    assert (entry.actor, entry.object_id, entry.note) == (admin_user, str(staff.pk), "admin")


def test_the_remove_action_signs_the_user_out_everywhere(
    superuser_client, staff, django_capture_on_commit_callbacks
):
    device, _codes = enrol(staff)
    phone = Client()
    phone.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        superuser_client.post(
            reverse(CHANGELIST), {"action": "remove_devices", "_selected_action": [device.pk]}
        )

    assert phone.get(reverse("home"))["Location"].startswith(reverse("login"))
    assert superuser_client.get(reverse(CHANGELIST)).status_code == 200


def test_delete_page_goes_through_the_service(superuser_client, staff, admin_user):
    device, _codes = enrol(staff)
    url = reverse("admin:twofactor_authenticatordevice_delete", args=[device.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 302
    assert TOTPDevice.objects.filter(user=staff).count() == 0
    assert ActivityLog.objects.filter(action=TWO_FACTOR_REMOVE, actor=admin_user).count() == 1


def test_an_unverified_administrator_cannot_open_the_admin(client, administrator):
    enrol(administrator)
    client.post(reverse("login"), {"username": administrator.username, "password": "x-test-pass-1"})
    response = client.get(reverse(CHANGELIST))
    assert response["Location"].startswith(reverse("twofactor:verify"))
