"""Thưởng nóng joins the catalogue, and every title or form gets its print style.

Plan 2777 names "giấy khen, thư khen, thưởng nóng" as the forms units award at
once.  Thưởng nóng (an instant cash reward) is not a form of the 2022 Law: like
thư khen it is non-statutory, has no coefficient, and its amount is the fixed
amount entered on the decision; it prints nothing but the decision itself.

Print styles: base-level statutory titles and forms print the giấy khen layout
of the unit's head, thư khen prints as a letter, thưởng nóng prints nothing,
everything else keeps the bằng khen layout (the default of the new field).
Who may decide it: the same heads as for thư khen (the authority table of
0014 has their rows; thưởng nóng gets a copy of each).  Running it again writes
the same values; reversing keeps the rows, which decisions may already use.
"""

from django.db import migrations

NON_STATUTORY = "nonstatutory"
LEVEL_BASE = "base"


def add_thuong_nong_and_styles(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardAuthority = apps.get_model("awards", "AwardAuthority")
    thuong_nong, _created = AwardType.objects.update_or_create(
        code="thuong-nong",
        defaults={
            "name": "Thưởng nóng",
            "kind": NON_STATUTORY,
            "subject_types": ["individual", "collective", "household"],
            "level": LEVEL_BASE,
            "certificate_heading": "",
            "print_style": "none",
            "legal_basis": "",
            "sort_order": 210,
            "is_active": True,
        },
    )
    for row in AwardAuthority.objects.filter(award_type__code="thu-khen"):
        AwardAuthority.objects.get_or_create(
            award_type=thuong_nong,
            issuer_level=row.issuer_level,
            effective_from=row.effective_from,
            defaults={
                "issuer_unit_types": row.issuer_unit_types,
                "decider": row.decider,
                "effective_to": row.effective_to,
                "legal_basis": row.legal_basis,
            },
        )
    AwardType.objects.filter(code="thu-khen").update(print_style="letter")
    AwardType.objects.filter(level=LEVEL_BASE).exclude(kind=NON_STATUTORY).update(
        print_style="unit"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0016_awardtype_print_style"),
    ]

    operations = [
        migrations.RunPython(add_thuong_nong_and_styles, migrations.RunPython.noop),
    ]
