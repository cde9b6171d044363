"""The group of provincial emulation staff (Ban Thi đua – Khen thưởng).

Membership of this group is what ``units.rules.is_emulation_staff`` checks.  The
name is written out here rather than imported: a migration must keep doing
what it did when it was written, even if the constant is renamed later.
"""

from django.db import migrations

#: Same value as ``units.rules.EMULATION_STAFF_GROUP`` ("Ban Thi đua – Khen thưởng").
EMULATION_STAFF_GROUP = "emulation_staff"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("units", "0001_initial"),
    ]

    operations = [
        # Reversing leaves the group in place: it may hold members by then.
        migrations.RunPython(create_group, migrations.RunPython.noop),
    ]
