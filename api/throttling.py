"""Rate limits: per token (``API_THROTTLE_TOKEN_RATE``) and, for calls without a
token, per client address (``API_THROTTLE_ANON_RATE``).

The address is the one the sign-in lockout counts (``common.lockout.client_address``:
X-Forwarded-For only from a ``TRUSTED_PROXIES`` proxy), so behind the TLS proxy the
public does not share one counter.  Counts live in the cache ``API_THROTTLE_CACHE``;
the rates are read on every request, so a changed setting applies at once.
"""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from common.lockout import client_address

from .models import ApiToken


class _SettingsRateThrottle(SimpleRateThrottle):
    rate_setting = ""

    @property
    def cache(self):
        return caches[settings.API_THROTTLE_CACHE]

    def get_rate(self):
        return getattr(settings, self.rate_setting)


class TokenRateThrottle(_SettingsRateThrottle):
    scope = "token"
    rate_setting = "API_THROTTLE_TOKEN_RATE"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AnonymousRateThrottle(_SettingsRateThrottle):
    scope = "anon"
    rate_setting = "API_THROTTLE_ANON_RATE"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
