"""The demo's two-factor sign-in: every account whose role requires a second factor
(``admin``, ``staff``, the council's members) is enrolled through the services with the
published key ``data.DEMO_TOTP_SECRET`` and the recovery codes
``data.DEMO_RECOVERY_CODES``; unit officers are left without, as most will be.

A run enrols an account that has no device or another key, and restores the demo's
recovery codes when some were used; an account already as the demo wants is untouched,
so running the demo again writes no new log rows.
"""

import copy
import time
from base64 import b32decode

from django_otp.oath import TOTP

from twofactor.rules import requires_two_factor
from twofactor.selectors import confirmed_totp_device, recovery_device
from twofactor.services import (
    confirm_totp_enrolment,
    normalise_code,
    regenerate_recovery_codes,
    remove_two_factor,
    start_totp_enrolment,
)

from . import data


def demo_key_hex() -> str:
    return b32decode(data.DEMO_TOTP_SECRET).hex()


def demo_code(at: float | None = None) -> str:
    """The code an authenticator app holding the demo's key shows now (or at ``at``)."""
    totp = TOTP(b32decode(data.DEMO_TOTP_SECRET))
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def _code_for(device) -> str:
    """The current code, or the next step's when this one was used (sign-ins of the
    demo's accounts share the key, but each device remembers its own last code)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    while totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():06d}"


def load_second_factors(users) -> list[str]:
    """Enrol the demo's ``users`` that must use two-factor sign-in; returns their names."""
    key = demo_key_hex()
    wanted = sorted(normalise_code(code) for code in data.DEMO_RECOVERY_CODES)
    enrolled = []
    for username, user in sorted(users.items()):
        if not requires_two_factor(copy.copy(user)):
            continue
        device = confirmed_totp_device(user)
        if device is not None and device.key != key:
            remove_two_factor(user, by=user, note="demo")
            device = None
        if device is None:
            device = start_totp_enrolment(user, key=key)
            confirm_totp_enrolment(device, _code_for(device), by=user)
        else:
            device.throttle_reset()
        recovery = recovery_device(user)
        codes = sorted(recovery.token_set.values_list("token", flat=True)) if recovery else []
        if codes != wanted:
            regenerate_recovery_codes(user, by=user, codes=data.DEMO_RECOVERY_CODES)
        elif recovery is not None:
            recovery.throttle_reset()
        enrolled.append(username)
    return enrolled
