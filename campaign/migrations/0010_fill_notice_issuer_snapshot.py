"""Freeze the issuer of every batch of notices made before snapshots existed, from its
unit as it is now.  The lines are those of ``common.pdf.letterhead.issuer_snapshot`` at
the time of this migration, copied here (as in awards 0014)."""

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
    NoticeBatch = apps.get_model("campaign", "NoticeBatch")
    Unit = apps.get_model("units", "Unit")
    batches = NoticeBatch.objects.all()
    issuer_ids = set(batches.values_list("issuer_id", flat=True))
    for unit in Unit.objects.filter(pk__in=issuer_ids):
        batches.filter(issuer_id=unit.pk).update(issuer_snapshot=snapshot(unit))


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0009_notice_signer_and_issuer_snapshot"),
        ("units", "0008_fill_document_fields"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
