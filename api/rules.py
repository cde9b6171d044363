"""Who may hold and manage API tokens.

A token acts as its account: an officer's token sees and does exactly what the
officer sees and does on the pages (the apps' selectors and services check it,
not the API).  Tokens are for unit officers' accounts, which their units' own
systems use; the provincial staff and administrators issue or revoke them in
the admin.
"""

from units.rules import is_emulation_staff, is_unit_officer


def can_hold_api_token(user) -> bool:
    """An active unit officer's account may hold tokens."""
    return user.is_authenticated and user.is_active and is_unit_officer(user)


def can_manage_api_tokens(user) -> bool:
    """The officer's own token page (``api:token_list``)."""
    return can_hold_api_token(user)


def can_manage_tokens_of(by, owner) -> bool:
    """Create or revoke a token of ``owner``: the owner, or staff and administrators
    (the admin)."""
    if not by.is_authenticated:
        return False
    return by.pk == owner.pk or by.is_superuser or is_emulation_staff(by)
