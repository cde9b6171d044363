"""The default reminder rule for units that have not reported in an open reporting round,
with its beat entry (editable afterwards in the admin, as the other default rules)."""

import json

from django.db import migrations

RULE_TASK = "campaign.run_reminder_rule"
TZ = "Asia/Ho_Chi_Minh"

RULE = {
    "name": "Nhắc gửi báo cáo kết quả theo kỳ báo cáo",
    "kind": "progress_report",
    "offsets": "5, 1",
    "subject": "Nhắc gửi báo cáo kết quả kỳ {{ dot_bao_cao }} – {{ don_vi }}",
    "body": (
        "Kính gửi {{ nguoi_nhan }},\n\n"
        "Kỳ báo cáo {{ dot_bao_cao }} của phong trào “{{ phong_trao }}” hết hạn ngày "
        "{{ han_chot }}, còn {{ so_ngay_con_lai }} ngày. {{ don_vi }} chưa gửi báo cáo kết "
        "quả (số liệu theo từng chỉ tiêu và báo cáo tóm tắt); đề nghị đơn vị gửi trước hạn."
        "\n\nXem chi tiết trên cổng: {{ duong_dan }}"
    ),
}


def seed_rule(apps, schema_editor):
    ReminderRule = apps.get_model("campaign", "ReminderRule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    if ReminderRule.objects.filter(kind=RULE["kind"]).exists():
        return
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
    )
    rule = ReminderRule.objects.create(
        name=RULE["name"],
        kind=RULE["kind"],
        offsets=RULE["offsets"],
        subject=RULE["subject"],
        body=RULE["body"],
        schedule=schedule,
    )
    rule.periodic_task = PeriodicTask.objects.create(
        name=f"Nhắc việc #{rule.pk}: {rule.name}",
        task=RULE_TASK,
        crontab=schedule,
        kwargs=json.dumps({"rule_id": rule.pk}),
    )
    rule.save(update_fields=["periodic_task"])


def remove_rule(apps, schema_editor):
    ReminderRule = apps.get_model("campaign", "ReminderRule")
    for rule in ReminderRule.objects.filter(kind=RULE["kind"]):
        task = rule.periodic_task
        rule.delete()
        if task is not None:
            task.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0014_reporting_rounds_and_progress_reports"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed_rule, remove_rule)]
