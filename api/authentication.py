"""``Authorization: Bearer <key>``: the key of an API token (``api.models.ApiToken``).

A missing header leaves the request anonymous (the public endpoints answer, the
others say 401); a wrong, revoked or malformed key, or one whose account is
inactive, is a 401 with a Vietnamese message.  ``request.auth`` is the token, which
the per-token throttle counts by.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .selectors import token_for_key
from .services import record_token_use

SCHEME = "Bearer"
INVALID = _("Khóa API không hợp lệ hoặc đã bị thu hồi.")
MALFORMED = _("Tiêu đề Authorization phải có dạng “Bearer <khóa API>”.")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != SCHEME.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(MALFORMED)
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(MALFORMED) from error
        token = token_for_key(key)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        record_token_use(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{SCHEME} realm="api"'
