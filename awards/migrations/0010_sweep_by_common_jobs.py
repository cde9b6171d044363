"""The sweep of stuck certificate runs is now the sweep of every job row.

Beat's ``common.requeue_stale_jobs`` (added by common's 0004) re-queues silent
certificate runs, so the schedule row of ``awards.requeue_stuck_certificate_runs``
goes.  Reversed, it comes back as 0007 made it.
"""

import importlib

from django.db import migrations

TASK = "awards.requeue_stuck_certificate_runs"


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


def restore_schedule(apps, schema_editor):
    importlib.import_module("awards.migrations.0007_requeue_stuck_runs_schedule").add_schedule(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0009_certificaterun_job"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(remove_schedule, restore_schedule)]
