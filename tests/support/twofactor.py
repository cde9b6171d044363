"""Two-factor sign-in in tests: a code computed from a device's key, as the phone
would show it, and a test client's session verified with a real confirmed device.

``tests/conftest.py`` wraps ``Client.force_login`` with :func:`verify_client_session`
so the suite's many ``force_login`` calls for staff, council members and administrators
reach their pages as a user who has given the second factor does. The production
code is unchanged: the session holds what the verify page would have written.
"""

import copy
import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from twofactor.enums import SESSION_KEY, SessionState
from twofactor.rules import requires_two_factor

TEST_DEVICE_NAME = "test device"


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code ``device``'s app shows now (or at the moment ``at``), never one the
    device has already accepted: a second sign-in within 30 seconds takes the next
    step's code, which the device's tolerance of one step admits."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    while totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def confirmed_device_for(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TEST_DEVICE_NAME, confirmed=True)
    return device


def verify_client_session(client, user) -> None:
    """Mark ``client``'s session as verified with ``user``'s confirmed device (made if
    missing) when ``user``'s role requires a second factor."""
    if not requires_two_factor(copy.copy(user)):
        return
    device = confirmed_device_for(user)
    session = client.session
    session[SESSION_KEY] = SessionState.VERIFIED
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
