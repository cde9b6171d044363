"""Sign-in lockout: per account with a growing delay, and per address.

django-axes records each failed sign-in as it always does (``AccessAttempt``
rows: username, address, browser, number of failures, time of the last one);
this module decides from those rows whether a sign-in is refused:

* an account — the username typed, from whatever addresses — is locked once it
  has ``AXES_FAILURE_LIMIT`` failures, so a password spray over many addresses
  locks it;
* an address — whatever usernames — is locked once it has
  ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures, so one machine cannot try many
  accounts.

A lock lasts ``LOGIN_LOCK_BASE`` seconds after the last failure, doubled for
each failure beyond the limit, at most ``LOGIN_LOCK_MAX``. Tries while locked
are refused without being counted (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT``
is off), so each lock ends on time and the next one, after one more failure, is
twice as long. Failures are forgotten a day after the last one
(``AXES_COOLOFF_TIME``); a successful sign-in and a password reset forget those
of their account, never those of an address.

The client's address is ``REMOTE_ADDR``. ``X-Forwarded-For`` is read only when
``REMOTE_ADDR`` is one of ``TRUSTED_PROXIES``, and then from the right: the
first address that is not a trusted proxy is the client (entries further left
were written by the client and prove nothing).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOCKOUT_STATUS = 429


@dataclass(frozen=True)
class Lock:
    """Until when sign-ins are refused, and whether for the account or the address."""

    until: datetime
    by_account: bool


def lock_duration(failures: int, limit: int) -> timedelta:
    """How long ``failures`` (at least ``limit``) lock: the base, doubled per failure beyond."""
    base, longest = settings.LOGIN_LOCK_BASE, settings.LOGIN_LOCK_MAX
    extra = min(failures - limit, 32)  # 2**32 base seconds is past any sensible maximum
    return timedelta(seconds=min(base * 2**extra, longest))


def _recent(attempts, now: datetime) -> tuple[int, datetime | None]:
    """The failures of ``attempts`` not yet forgotten at ``now``, and the time of the last."""
    since = now - settings.AXES_COOLOFF_TIME
    totals = attempts.filter(attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return totals["failures"] or 0, totals["last"]


def _lock_from(attempts, limit: int, now: datetime, *, by_account: bool) -> Lock | None:
    failures, last = _recent(attempts, now)
    if failures < limit:
        return None
    until = last + lock_duration(failures, limit)
    return Lock(until=until, by_account=by_account) if until > now else None


def current_lock(username: str | None, address: str | None, now: datetime | None = None):
    """The lock in force on this username or address at ``now``, the longer if both; or None."""
    now = now or timezone.now()
    locks = []
    if username:
        accounts = AccessAttempt.objects.filter(username=username)
        locks.append(
            _lock_from(accounts, settings.AXES_FAILURE_LIMIT, now, by_account=True),
        )
    if address:
        addresses = AccessAttempt.objects.filter(ip_address=address)
        locks.append(
            _lock_from(addresses, settings.LOGIN_ADDRESS_FAILURE_LIMIT, now, by_account=False),
        )
    locks = [lock for lock in locks if lock is not None]
    return max(locks, key=lambda lock: lock.until) if locks else None


def forget_failures(username: str) -> int:
    """Forget the failed sign-ins of one account (after a password reset); returns rows deleted."""
    deleted, _detail = AccessAttempt.objects.filter(username=username).delete()
    return deleted


def _request_lock(request, credentials) -> Lock | None:
    return current_lock(
        get_client_username(request, credentials),
        getattr(request, "axes_ip_address", None),
        getattr(request, "axes_attempt_time", None),
    )


class PortalLockoutHandler(AxesDatabaseHandler):
    """axes' database handler, with the account and address locks of this module."""

    def is_locked(self, request, credentials=None) -> bool:
        return _request_lock(request, credentials) is not None

    def get_failures(self, request, credentials=None) -> int:
        """The larger of the account's and the address's recent failures (for axes' logs)."""
        now = getattr(request, "axes_attempt_time", None) or timezone.now()
        username = get_client_username(request, credentials)
        by_account, _last = _recent(AccessAttempt.objects.filter(username=username), now)
        address = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        by_address, _last = _recent(address, now)
        return max(by_account, by_address)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        already_locked = request is not None and getattr(request, "axes_locked_out", False)
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or already_locked or not settings.AXES_ENABLED:
            return
        if self.is_locked(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful sign-in: forget the account's failures, not the address's.

        axes would delete the address's rows too, and so let anyone with an account of
        their own wipe the record of a spray against other accounts from that address.
        """
        username = get_client_username(request, credentials)
        return forget_failures(username) if username else 0


def lockout_response(request, original_response=None, credentials=None):
    """The portal's page for a refused sign-in: what happened, until when, what to do."""
    lock = _request_lock(request, credentials)
    context = {
        "lock_until": timezone.localtime(lock.until) if lock else None,
        "by_account": lock.by_account if lock else True,
    }
    return render(request, LOCKOUT_TEMPLATE, context, status=LOCKOUT_STATUS)


# --- The client's address ---------------------------------------------------------


@cache
def _trusted_networks(configured: tuple[str, ...]):
    networks = []
    for entry in configured:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an address or a network."
            ) from error
    return tuple(networks)


def _is_trusted(address, networks) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address a request comes from (see the module docstring): a sign-in's, and a
    public comment's for its throttle."""
    remote = request.META.get("REMOTE_ADDR")
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    remote_ip = _parse(remote or "")
    if not networks or remote_ip is None or not _is_trusted(remote_ip, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _parse(entry)
        if address is None:
            return remote  # a garbled header: trust nothing in it
        if not _is_trusted(address, networks):
            return str(address)
    return remote
