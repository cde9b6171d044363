"""Who must sign in with a second factor, and who may change someone's.

Provincial emulation staff, council members and administrators (``is_staff`` or
superuser) must: they decide and sign awards. Unit officers may enrol from their
account menu; once they have, they verify at each sign-in like the others.
"""

from units.rules import is_council_member, is_emulation_staff


def requires_two_factor(user) -> bool:
    """The user's role makes a second factor compulsory."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or is_emulation_staff(user) or is_council_member(user)


def can_reset_two_factor(actor, user) -> bool:
    """``actor`` may remove ``user``'s devices: the user (from a verified session, which
    the view checks) or an administrator (a superuser, in the admin, for a lost phone)."""
    if not actor.is_authenticated:
        return False
    return actor.pk == user.pk or actor.is_superuser
