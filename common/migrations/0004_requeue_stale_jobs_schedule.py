"""Beat runs the sweep of stale job rows (``common.requeue_stale_jobs``) every five minutes.

It replaces the two sweeps of one kind of job each (certificate runs, notice
batches), whose schedule rows the awards and campaign migrations remove.  The
schedule lives in django-celery-beat's tables, so administrators can change
or pause it in the admin (Periodic tasks).
"""

from django.db import migrations

TASK = "common.requeue_stale_jobs"


def add_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_five, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Chạy lại các việc nền bị treo",
        defaults={"task": TASK, "interval": every_five, "enabled": True},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0003_email_preferences"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
