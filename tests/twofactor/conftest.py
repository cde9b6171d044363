"""People of each role, and sign-in through the real login form."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import CouncilMembershipFactory, OfficerMembershipFactory, UserFactory
from tests.support.twofactor import totp_code
from twofactor.services import confirm_totp_enrolment, start_totp_enrolment
from units.rules import EMULATION_STAFF_GROUP

PASSWORD = "x-test-pass-1"


@pytest.fixture
def staff(db):
    user = UserFactory(username="staff_2fa")
    user.groups.add(Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)[0])
    return user


@pytest.fixture
def council_member(db):
    return CouncilMembershipFactory(user=UserFactory(username="council_2fa")).user


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin_2fa", is_staff=True, is_superuser=True)


@pytest.fixture
def officer(db):
    return OfficerMembershipFactory(user=UserFactory(username="officer_2fa")).user


def enrol(user) -> tuple:
    """Give ``user`` a confirmed authenticator as the enrolment page does; returns the
    device and the ten recovery codes."""
    device = start_totp_enrolment(user)
    codes = confirm_totp_enrolment(device, totp_code(device), by=user)
    device.refresh_from_db()
    return device, codes


def sign_in(client, user, *, next_url=""):
    """Post the login form with the right password; returns the response."""
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(url, data)
