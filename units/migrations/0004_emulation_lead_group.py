"""The group of the emulation staff lead, who receives escalations.

The name is written out, not imported, for the reason given in 0002.
"""

from django.db import migrations

#: Same value as ``units.rules.EMULATION_LEAD_GROUP``.
EMULATION_LEAD_GROUP = "emulation_lead"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=EMULATION_LEAD_GROUP)


class Migration(migrations.Migration):
    dependencies = [("units", "0003_search_name")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
