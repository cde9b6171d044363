"""Beat closes the sessions whose voting window has ended (``council.close_due_sessions``),
every minute.  The schedule lives in django-celery-beat's tables (admin: Periodic tasks)."""

from django.db import migrations

TASK = "council.close_due_sessions"


def add_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Kết thúc phiên họp Hội đồng hết giờ bỏ phiếu",
        defaults={"task": TASK, "interval": every_minute, "enabled": True},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0002_seed_voting_rules"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
