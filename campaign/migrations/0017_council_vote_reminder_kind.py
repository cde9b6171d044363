"""The reminder kind of council members who have not voted (found by the council app
through common.reminders), and its default rule: 24 and 2 hours before the voting window
closes, scanned every hour (editable afterwards in the admin, as the other rules)."""

import json


from django.db import migrations, models


RULE_TASK = "campaign.run_reminder_rule"
TZ = "Asia/Ho_Chi_Minh"
RULE = {
    "name": "Nhắc thành viên Hội đồng bỏ phiếu",
    "kind": "council_vote",
    "offsets": "24, 2",
    "subject": "Nhắc bỏ phiếu: {{ phien_hop }}",
    "body": (
        "Kính gửi {{ nguoi_nhan }},\n\n"
        "Phiên họp Hội đồng Thi đua – Khen thưởng “{{ phien_hop }}” đóng bỏ phiếu lúc "
        "{{ han_bo_phieu }}, còn khoảng {{ so_gio_con_lai }} giờ. Đồng chí còn "
        "{{ so_ho_so_chua_bieu_quyet }} hồ sơ chưa biểu quyết.\n\n"
        "Xem chi tiết và bỏ phiếu trên cổng: {{ duong_dan }}"
    ),
}


def seed_rule(apps, schema_editor):
    ReminderRule = apps.get_model("campaign", "ReminderRule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    if ReminderRule.objects.filter(kind=RULE["kind"]).exists():
        return
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="*", day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
    )
    rule = ReminderRule.objects.create(schedule=schedule, **RULE)
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
        ("campaign", "0016_campaign_reviews"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reminderrule",
            name="kind",
            field=models.CharField(
                choices=[
                    ("nomination_deadline", "Sắp đến hạn gửi hồ sơ đề nghị"),
                    ("registration_deadline", "Sắp đến hạn đăng ký thi đua"),
                    ("returned_nomination", "Hồ sơ bị trả lại chưa gửi lại"),
                    ("submitted_waiting", "Hồ sơ chờ thẩm định quá lâu"),
                    ("fast_track_escalation", "Hồ sơ khen đột xuất chưa xử lý"),
                    ("review_report", "Sắp đến ngày sơ kết, tổng kết"),
                    ("progress_report", "Đơn vị chưa báo cáo kết quả trong kỳ báo cáo"),
                    ("council_vote", "Thành viên Hội đồng chưa bỏ phiếu"),
                ],
                max_length=32,
                verbose_name="loại nhắc việc",
            ),
        ),
        migrations.RunPython(seed_rule, remove_rule),
    ]
