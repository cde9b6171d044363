"""Which units and people a user may see, and who the staff are."""

from django.contrib.auth import get_user_model
from django.db.models import Case, F, IntegerField, Value, When

from common.pdf.letterhead import collective_name, head_of
from common.text import fold, nfc

from .enums import SignerKind
from .models import Individual, StaffImport, Unit, UnitSigner
from .rules import (
    EMULATION_LEAD_GROUP,
    EMULATION_STAFF_GROUP,
    is_council_member,
    is_emulation_staff,
    officer_unit_paths,
    under_paths_q,
)


def units_visible_to(user):
    """Staff and council members see every unit; officers their units and those below."""
    if is_emulation_staff(user) or is_council_member(user):
        return Unit.objects.all()
    return Unit.objects.filter(under_paths_q(officer_unit_paths(user)))


def individuals_visible_to(user):
    """Staff see every person; officers the people of the units they act for and below."""
    if is_emulation_staff(user):
        return Individual.objects.all()
    return Individual.objects.filter(under_paths_q(officer_unit_paths(user), "unit__path"))


def staff_imports_visible_to(user):
    """Staff see every staff-list import; officers those into their units and below."""
    if is_emulation_staff(user):
        return StaffImport.objects.all()
    return StaffImport.objects.filter(under_paths_q(officer_unit_paths(user), "unit__path"))


def search_by_name(queryset, text: str):
    """Rows whose ``search_name`` holds every word of ``text``, accents and case folded
    ("nguyen dat" finds "Nguyễn Văn Đạt")."""
    for word in fold(text or "").split():
        queryset = queryset.filter(search_name__contains=word)
    return queryset


def staff_users():
    """The active provincial emulation staff, who hear of submissions and waiting dossiers."""
    return (
        get_user_model()
        .objects.filter(groups__name=EMULATION_STAFF_GROUP, is_active=True)
        .order_by("pk")
    )


def staff_leads() -> list:
    """The staff lead(s) who receive escalations; every staff member if none is named."""
    leads = list(get_user_model().objects.filter(groups__name=EMULATION_LEAD_GROUP, is_active=True))
    return leads or list(staff_users())


# --- Who signs a unit's documents -----------------------------------------------------

_KIND_ORDER = Case(
    *(When(kind=kind, then=Value(i)) for i, kind in enumerate(SignerKind.values)),
    output_field=IntegerField(),
)


def signers_of(units, *, day=None):
    """The signers of ``units`` (a queryset or list of units), head first, then deputies,
    then those signing by order; only those in force on ``day`` when it is given."""
    signers = UnitSigner.objects.filter(unit__in=units)
    if day is not None:
        signers = signers.in_force_on(day)
    return (
        signers.select_related("unit")
        .annotate(kind_order=_KIND_ORDER)
        .order_by(
            "unit__path", "kind_order", F("valid_from").desc(nulls_last=True), "full_name", "id"
        )
    )


def has_signers(unit, *, day) -> bool:
    """Whether ``unit`` has a signer in force on ``day`` (then its documents name one)."""
    return UnitSigner.objects.filter(unit=unit).in_force_on(day).exists()


def signature_fields(signer, unit) -> dict:
    """The signature block of ``signer`` signing for ``unit``, line by line.

    ``{"authority", "capacity", "title", "name"}`` per Decree 30/2020/NĐ-CP:
    a body under collective leadership signs "TM." its name above the head or
    deputy ("TM. ỦY BAN NHÂN DÂN"); a deputy signs "KT." the head's title
    ("KT. CHỦ TỊCH", "KT. GIÁM ĐỐC"); the head of a division signs "TL." the
    head's title ("TL. GIÁM ĐỐC") with no "TM." line.  ``title`` is the
    signer's own position (the head's title when a head has none recorded);
    a blank line is an empty string.
    """
    head = head_of(unit)
    collective = f"TM. {collective_name(unit)}" if unit.collective_leadership else ""
    position = nfc(signer.position or "").strip().upper()
    if signer.kind == SignerKind.DEPUTY:
        authority, capacity = collective, f"KT. {head}"
    elif signer.kind == SignerKind.BY_ORDER:
        authority, capacity = "", f"TL. {head}"
    else:
        authority, capacity, position = collective, "", position or head
    return {
        "authority": authority,
        "capacity": capacity,
        "title": position,
        "name": nfc(signer.full_name).strip(),
    }


def signature_block(signer, unit) -> list[str]:
    """The lines above the signature, top to bottom: ["TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], ["GIÁM ĐỐC"], ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]."""
    fields = signature_fields(signer, unit)
    return [line for line in (fields["authority"], fields["capacity"], fields["title"]) if line]
