"""The sweep of silent notice batches is now the sweep of every job row.

Beat's ``common.requeue_stale_jobs`` (added by common's 0004) resumes silent
notice batches, so the schedule row of ``campaign.requeue_stale_notice_batches``
goes.  Reversed, it comes back as 0004 made it.
"""

import importlib

from django.db import migrations

TASK = "campaign.requeue_stale_notice_batches"


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


def restore_schedule(apps, schema_editor):
    importlib.import_module("campaign.migrations.0004_notice_batch_sweep").add_schedule(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0005_noticebatch_job"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(remove_schedule, restore_schedule)]
