"""Beat publishes the task outbox every minute, and sweeps stale job rows every minute.

A running job now beats every few seconds, so one that has gone silent for a
minute has lost its worker; the sweep of job rows (``common.requeue_stale_jobs``)
moves from every five minutes to every minute to match.  The schedules live
in django-celery-beat's tables, so administrators can change or pause them in
the admin (Periodic tasks).
"""

from django.db import migrations

OUTBOX_TASK = "common.publish_outbox"
SWEEP_TASK = "common.requeue_stale_jobs"


def every(apps, minutes):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    schedule, _ = IntervalSchedule.objects.get_or_create(every=minutes, period="minutes")
    return schedule


def add_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.get_or_create(
        name="Gửi các tác vụ còn chờ trong hộp thư đi",
        defaults={"task": OUTBOX_TASK, "interval": every(apps, 1), "enabled": True},
    )
    PeriodicTask.objects.filter(task=SWEEP_TASK).update(interval=every(apps, 1))


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task=OUTBOX_TASK).delete()
    PeriodicTask.objects.filter(task=SWEEP_TASK).update(interval=every(apps, 5))


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0005_task_outbox"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_schedules, remove_schedules)]
