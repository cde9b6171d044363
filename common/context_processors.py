from units.rules import is_council_member, is_emulation_staff, is_unit_officer


def roles(request):
    """Expose the user's roles to templates (navigation, home page sections)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "is_emulation_staff": is_emulation_staff(user),
        "is_unit_officer": is_unit_officer(user),
        "is_council_member": is_council_member(user),
    }
