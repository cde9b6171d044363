"""portal/demo/second_factor.py: the demo's accounts that must use two-factor sign-in
get the published key and recovery codes, through the services, once."""

import time

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.models import ActivityLog
from portal.demo import data
from portal.demo.second_factor import demo_code, demo_key_hex, load_second_factors
from tests.factories import CouncilMembershipFactory, OfficerMembershipFactory, UserFactory
from tests.support.twofactor import totp_code
from tests.twofactor.conftest import enrol
from twofactor.activity import TWO_FACTOR_ENROL, TWO_FACTOR_RECOVERY_CODES
from twofactor.selectors import remaining_recovery_codes
from twofactor.services import verify_second_factor
from units.rules import EMULATION_STAFF_GROUP

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def staff():
    user = UserFactory(username="staff_demo2fa")
    user.groups.add(Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)[0])
    return user


@pytest.fixture
def council_member():
    return CouncilMembershipFactory(user=UserFactory(username="council_demo2fa")).user


@pytest.fixture
def officer():
    return OfficerMembershipFactory(user=UserFactory(username="officer_demo2fa")).user


def test_required_accounts_get_the_published_key_and_codes(staff, council_member, officer):
    users = {"staff": staff, "council": council_member, "officer1": officer}
    assert load_second_factors(users) == ["council", "staff"]
    device = TOTPDevice.objects.get(user=staff, confirmed=True)
    assert device.key == demo_key_hex()
    later = time.time() + 3600  # an hour on: a step the device has not used yet
    assert demo_code(at=later) == totp_code(device, at=later)
    assert TOTPDevice.objects.filter(user=officer).count() == 0
    assert verify_second_factor(council_member, data.DEMO_RECOVERY_CODES[9]) is not None


def test_a_second_run_writes_nothing(staff):
    load_second_factors({"staff": staff})
    logged = ActivityLog.objects.count()
    device = TOTPDevice.objects.get(user=staff)
    load_second_factors({"staff": staff})
    assert ActivityLog.objects.count() == logged
    assert list(TOTPDevice.objects.filter(user=staff).values_list("pk", flat=True)) == [device.pk]


def test_a_run_restores_used_recovery_codes_and_replaces_another_key(staff):
    enrol(staff)  # a key of its own, as if staff had enrolled a phone
    load_second_factors({"staff": staff})
    assert TOTPDevice.objects.get(user=staff).key == demo_key_hex()
    verify_second_factor(staff, data.DEMO_RECOVERY_CODES[0])
    assert remaining_recovery_codes(staff) == 9
    load_second_factors({"staff": staff})
    assert remaining_recovery_codes(staff) == 10
    actions = ActivityLog.objects.filter(action=TWO_FACTOR_RECOVERY_CODES).count()
    assert (ActivityLog.objects.filter(action=TWO_FACTOR_ENROL).count(), actions) == (2, 2)
