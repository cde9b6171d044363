"""Freeze the issuer of every decision issued before snapshots existed, from its unit as
it is now (the closest there is to how it was).  The lines are those of
``common.pdf.letterhead.issuer_snapshot`` at the time of this migration, copied here so
that a later change of that function does not change this migration."""

import unicodedata

from django.db import migrations

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"


def _nfc(text) -> str:
    return unicodedata.normalize("NFC", text or "")


def snapshot(unit) -> dict:
    name = _nfc(unit.issuer_name or unit.name).upper()
    if name.startswith(PEOPLES_COMMITTEE + " "):
        heading = {
            "parent": PEOPLES_COMMITTEE,
            "name": name[len(PEOPLES_COMMITTEE) + 1 :],
            "parent_bold": True,
        }
    else:
        heading = {
            "parent": _nfc(unit.letterhead_parent).upper(),
            "name": name,
            "parent_bold": False,
        }
    head = _nfc(unit.head_title).strip().upper() or "THỦ TRƯỞNG"
    return {
        "name": _nfc(unit.name),
        "issuer_name": name,
        "heading": heading,
        "head_title": head,
        "authority": f"{head} {name}",
        "authority_in_text": f"{head.capitalize()} {_nfc(unit.name)}",
        "place": _nfc(unit.place_name),
        "level": unit.level,
    }


def fill(apps, schema_editor):
    AwardDecision = apps.get_model("awards", "AwardDecision")
    Unit = apps.get_model("units", "Unit")
    issued = AwardDecision.objects.exclude(state="draft")
    issuer_ids = set(issued.values_list("issuer_id", flat=True))
    snapshots = {unit.pk: snapshot(unit) for unit in Unit.objects.filter(pk__in=issuer_ids)}
    for issuer_id, frozen in snapshots.items():
        issued.filter(issuer_id=issuer_id).update(issuer_snapshot=frozen)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0019_decision_signer_and_issuer_snapshot"),
        ("units", "0008_fill_document_fields"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
