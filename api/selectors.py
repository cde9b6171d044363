"""Reads of the api app: a user's own tokens, and the token a request's key names."""

from django.db.models import F

from .models import ApiToken

#: Every key starts so: a key pasted in the wrong place is recognisable (secret scanners).
KEY_PREFIX = "tdkt_"


def tokens_of(user):
    """The user's tokens, active first, newest first."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-id"
    )


def active_token_count(user) -> int:
    return ApiToken.objects.active().filter(user=user).count()


def token_for_key(key: str):
    """The active token whose key is ``key``, with its user; None for anything else."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    return (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )
