"""The default reminder rules, their beat entries, and the outbox sweep.

Everything here is editable afterwards in the admin (Quy tắc nhắc việc; Periodic
tasks).  The wording is written out: a migration keeps doing what it did.
"""

import json

from django.db import migrations

RULE_TASK = "campaign.run_reminder_rule"
SWEEP_TASK = "campaign.sweep_reminder_outbox"
DIGEST_TASK = "common.send_digests"
TZ = "Asia/Ho_Chi_Minh"

FOOTER = "\n\nXem chi tiết trên cổng: {{ url }}"

RULES = [
    {
        "name": "Nhắc hạn gửi hồ sơ đề nghị khen thưởng",
        "kind": "nomination_deadline",
        "offsets": "7, 2",
        "cron": ("0", "7"),
        "subject": "Còn {{ days_left }} ngày đến hạn gửi hồ sơ đề nghị khen thưởng – {{ unit }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n"
            "Hạn gửi hồ sơ đề nghị khen thưởng trong “{{ campaign }}”"
            "{% if campaign.plan_reference %} (Kế hoạch số {{ campaign.plan_reference }}){% endif %}"
            " là ngày {{ deadline }}, còn {{ days_left }} ngày.\n\n"
            "Đến nay {{ unit }} chưa gửi hồ sơ đề nghị nào. Đề nghị đơn vị hoàn thiện "
            "và gửi hồ sơ trên cổng trước thời hạn." + FOOTER
        ),
    },
    {
        "name": "Nhắc hạn đăng ký thi đua",
        "kind": "registration_deadline",
        "offsets": "7, 2",
        "cron": ("0", "7"),
        "subject": "Còn {{ days_left }} ngày đến hạn đăng ký thi đua – {{ unit }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n"
            "Hạn đăng ký thi đua trong “{{ campaign }}” là ngày {{ deadline }}, "
            "còn {{ days_left }} ngày. Đến nay {{ unit }} chưa đăng ký.\n\n"
            "Đề nghị đơn vị đăng ký thi đua, ghi rõ chỉ tiêu và danh hiệu đăng ký, "
            "trên cổng trước thời hạn." + FOOTER
        ),
    },
    {
        "name": "Nhắc hồ sơ bị trả lại chưa gửi lại",
        "kind": "returned_nomination",
        "offsets": "3, 7",
        "cron": ("30", "7"),
        "subject": "Hồ sơ bị trả lại {{ days_waiting }} ngày chưa gửi lại: {{ nomination }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n"
            "Hồ sơ đề nghị khen thưởng “{{ nomination }}” của {{ unit }} đã được trả lại "
            "để bổ sung {{ days_waiting }} ngày nay nhưng chưa được gửi lại.\n\n"
            "Đề nghị đơn vị bổ sung theo yêu cầu và gửi lại hồ sơ." + FOOTER
        ),
    },
    {
        "name": "Nhắc hồ sơ chờ thẩm định",
        "kind": "submitted_waiting",
        "offsets": "5",
        "cron": ("0", "8"),
        "subject": "Hồ sơ chờ thẩm định {{ days_waiting }} ngày: {{ nomination }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n"
            "Hồ sơ đề nghị khen thưởng “{{ nomination }}” do {{ unit }} gửi đã chờ "
            "thẩm định {{ days_waiting }} ngày." + FOOTER
        ),
    },
    {
        "name": "Báo cáo hồ sơ khen đột xuất chưa xử lý",
        "kind": "fast_track_escalation",
        "offsets": "24, 48",
        "cron": ("*/15", "*"),
        "subject": "Hồ sơ khen đột xuất chưa xử lý sau {{ hours_waiting }} giờ: {{ nomination }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n"
            "Hồ sơ khen thưởng đột xuất “{{ nomination }}” do {{ unit }} gửi đã "
            "{{ hours_waiting }} giờ chưa được xử lý. Khen thưởng đột xuất cần được "
            "xem xét kịp thời." + FOOTER
        ),
    },
    {
        "name": "Nhắc gửi báo cáo sơ kết, tổng kết",
        "kind": "review_report",
        "offsets": "7",
        "cron": ("0", "7"),
        "subject": "Nhắc gửi báo cáo {{ review_label }} – {{ unit }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n"
            "Ngày {{ deadline }} sẽ {{ review_label }} “{{ campaign }}”, còn "
            "{{ days_left }} ngày. Đề nghị {{ unit }} gửi báo cáo {{ review_label }} "
            "của đơn vị trước ngày này." + FOOTER
        ),
    },
]


def crontab(apps, minute, hour):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
    )
    return schedule


def seed_rules(apps, schema_editor):
    ReminderRule = apps.get_model("campaign", "ReminderRule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    for spec in RULES:
        if ReminderRule.objects.filter(kind=spec["kind"]).exists():
            continue
        rule = ReminderRule.objects.create(
            name=spec["name"],
            kind=spec["kind"],
            offsets=spec["offsets"],
            subject=spec["subject"],
            body=spec["body"],
            schedule=crontab(apps, *spec["cron"]),
        )
        rule.periodic_task = PeriodicTask.objects.create(
            name=f"Nhắc việc #{rule.pk}: {rule.name}",
            task=RULE_TASK,
            crontab=rule.schedule,
            kwargs=json.dumps({"rule_id": rule.pk}),
        )
        rule.save(update_fields=["periodic_task"])
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Gửi thư nhắc việc còn trong hộp thư đi",
        defaults={"task": SWEEP_TASK, "interval": every_minute},
    )
    PeriodicTask.objects.get_or_create(
        name="Thư thông báo tổng hợp hằng ngày",
        defaults={"task": DIGEST_TASK, "crontab": crontab(apps, "0", "17")},
    )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[RULE_TASK, SWEEP_TASK, DIGEST_TASK]).delete()
    apps.get_model("campaign", "ReminderRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0002_reminders_and_notices"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed_rules, remove)]
