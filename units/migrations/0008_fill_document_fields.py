"""Fill the document fields added in 0007 from what the letterhead guessed until then:
the head's title from the start of the issuer name, the parent line from the parent
unit's issuer name ("ỦY BAN NHÂN DÂN" shortened to "UBND"), and collective leadership
for people's committees.  A copy of that guess, frozen here: the code no longer has it."""

from django.db import migrations

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
HEAD_TITLES = (
    ("ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("VĂN PHÒNG", "CHÁNH VĂN PHÒNG"),
    ("SỞ ", "GIÁM ĐỐC"),
    ("BỆNH VIỆN", "GIÁM ĐỐC"),
    ("TRUNG TÂM", "GIÁM ĐỐC"),
    ("CÔNG AN", "GIÁM ĐỐC"),
    ("TRƯỜNG", "HIỆU TRƯỞNG"),
    ("BAN ", "TRƯỞNG BAN"),
)


def _issuer_name(unit) -> str:
    return (unit.issuer_name or unit.name).upper()


def fill(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    units = {unit.pk: unit for unit in Unit.objects.all()}
    for unit in units.values():
        name = _issuer_name(unit)
        head = next((title for prefix, title in HEAD_TITLES if name.startswith(prefix)), "")
        parent = units.get(unit.parent_id)
        committee = name.startswith(PEOPLES_COMMITTEE + " ")
        parent_line = ""
        if parent is not None and not committee:
            parent_line = _issuer_name(parent).replace(PEOPLES_COMMITTEE, "UBND")
        changes = {
            "head_title": unit.head_title or head,
            "letterhead_parent": unit.letterhead_parent or parent_line,
            "collective_leadership": unit.collective_leadership or committee,
        }
        Unit.objects.filter(pk=unit.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("units", "0007_document_fields_and_signers")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
