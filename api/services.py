"""Making, revoking and using API tokens.

``create_api_token`` returns the key once; only its hash is stored.  Making and
revoking are logged in the activity log.  A token's ``last_used_at`` moves at most
once a minute (``USE_RESOLUTION``), so a busy client costs no write per request.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.models import log_activity

from . import rules
from .activity import API_TOKEN_CREATE, API_TOKEN_REVOKE
from .models import ApiToken
from .selectors import KEY_PREFIX, active_token_count

#: How stale ``last_used_at`` may be before a request writes it again.
USE_RESOLUTION = datetime.timedelta(minutes=1)
#: Characters of the key kept in clear to tell tokens apart ("tdkt_" and 8 more).
PREFIX_LENGTH = len(KEY_PREFIX) + 8


class TokenError(Exception):
    """A token that cannot be made or revoked; the message is shown to the user as is."""


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def token_refusal(owner, *, by, label="x") -> str | None:
    """Why ``by`` may not make a token for ``owner`` now (a message), or None."""
    if not rules.can_manage_tokens_of(by, owner):
        return _("Bạn không tạo được khóa API cho tài khoản này.")
    if not rules.can_hold_api_token(owner):
        return _("Chỉ tài khoản cán bộ đơn vị đang hoạt động mới được cấp khóa API.")
    if not (label or "").strip():
        return _("Vui lòng đặt tên gợi nhớ cho khóa API.")
    limit = settings.API_TOKENS_PER_USER
    if active_token_count(owner) >= limit:
        return _(
            "Tài khoản đã có %(limit)d khóa API đang dùng. "
            "Hãy thu hồi khóa không còn dùng trước khi tạo khóa mới."
        ) % {"limit": limit}
    return None


@transaction.atomic
def create_api_token(owner, *, by, label):
    """Make a token for ``owner``; returns ``(token, key)``.  The key is never stored."""
    label = (label or "").strip()
    # One lock on the owner's row: two requests at once cannot pass the limit together.
    get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
    refusal = token_refusal(owner, by=by, label=label)
    if refusal:
        raise TokenError(refusal)
    key = new_key()
    token = ApiToken.objects.create(
        user=owner,
        label=label[:100],
        prefix=key[:PREFIX_LENGTH],
        key_hash=ApiToken.hash_key(key),
        created_by=by,
    )
    log_activity(token, API_TOKEN_CREATE, actor=by, data={"user": owner.get_username()})
    return token, key


@transaction.atomic
def revoke_api_token(token, *, by):
    """Revoke ``token`` at once: the next request with its key gets a 401."""
    if not rules.can_manage_tokens_of(by, token.user):
        raise TokenError(_("Bạn không thu hồi được khóa API này."))
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is not None:
        raise TokenError(_("Khóa API này đã bị thu hồi trước đó."))
    current.revoked_at = timezone.now()
    current.revoked_by = by
    current.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    log_activity(current, API_TOKEN_REVOKE, actor=by, data={"user": current.user.get_username()})
    token.revoked_at, token.revoked_by = current.revoked_at, current.revoked_by
    return token


def record_token_use(token, *, now=None):
    """Note that ``token`` was used now (at most one write a minute per token)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < USE_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
