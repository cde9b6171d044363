"""Beat runs the sweep for stuck certificate runs every five minutes.

The schedule lives in django-celery-beat's tables, so administrators can
change or pause it in the admin (Periodic tasks).
"""

from django.db import migrations

TASK = "awards.requeue_stuck_certificate_runs"


def add_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_five, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Tạo lại bằng, giấy khen bị treo",
        defaults={"task": TASK, "interval": every_five, "enabled": True},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0006_default_layouts"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
