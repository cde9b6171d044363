"""Reminder wordings become plain text with named placeholders.

The six default rules and any wording written since are converted: each known old
expression (``{{ unit }}``, ``{{ campaign.plan_reference }}``, …) becomes its placeholder,
and the default's ``{% if campaign.plan_reference %}…{% endif %}`` is dropped (a wording
has no conditions).  A rule whose wording still holds anything else keeps it (it renders
as nothing) and its name is prefixed with ``FLAG`` so staff find it in the admin, where
saving refuses it until it is rewritten.
"""

import re

from django.db import migrations, models

FLAG = "[Cần sửa nội dung] "

PLAN_CONDITION = (
    "{% if campaign.plan_reference %} (Kế hoạch số {{ campaign.plan_reference }}){% endif %}"
)
OLD_NAMES = {
    "recipient": "nguoi_nhan",
    "unit": "don_vi",
    "unit.name": "don_vi",
    "campaign": "phong_trao",
    "campaign.title": "phong_trao",
    "campaign.plan_reference": "so_ke_hoach",
    "url": "duong_dan",
    "nomination": "ho_so",
    "deadline": "han_chot",
    "days_left": "so_ngay_con_lai",
    "days_waiting": "so_ngay_cho",
    "hours_waiting": "so_gio_cho",
    "review_label": "ky_bao_cao",
}
OLD_VARIABLE = re.compile(r"\{\{\s*([a-z_.]+)\s*\}\}")
#: The placeholders of each kind, as in campaign.enums when this migration was written.
COMMON = ("nguoi_nhan", "don_vi", "phong_trao", "so_ke_hoach", "duong_dan")
ALLOWED = {
    "nomination_deadline": COMMON + ("han_chot", "so_ngay_con_lai"),
    "registration_deadline": COMMON + ("han_chot", "so_ngay_con_lai"),
    "review_report": COMMON + ("han_chot", "so_ngay_con_lai", "ky_bao_cao"),
    "returned_nomination": COMMON + ("ho_so", "so_ngay_cho"),
    "submitted_waiting": COMMON + ("ho_so", "so_ngay_cho"),
    "fast_track_escalation": COMMON + ("ho_so", "so_ngay_cho", "so_gio_cho"),
}
TEMPLATE_LIKE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
STRAY_MARK = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def convert(text: str) -> str:
    """The old template expressions this project shipped or documented, as placeholders."""
    text = text.replace(PLAN_CONDITION, "")

    def rename(match):
        new = OLD_NAMES.get(match.group(1))
        return f"{{{{ {new} }}}}" if new else match.group()

    return OLD_VARIABLE.sub(rename, text)


def is_clean(text: str, allowed) -> bool:
    """No template-like part but an allowed ``{{ name }}``, and no stray mark."""
    if STRAY_MARK.search(TEMPLATE_LIKE.sub("", text)):
        return False
    for match in TEMPLATE_LIKE.finditer(text):
        placeholder = PLACEHOLDER.fullmatch(match.group())
        if placeholder is None or placeholder.group(1) not in allowed:
            return False
    return True


def convert_wordings(apps, schema_editor):
    ReminderRule = apps.get_model("campaign", "ReminderRule")
    for rule in ReminderRule.objects.all():
        rule.subject = convert(rule.subject)
        rule.body = convert(rule.body)
        allowed = ALLOWED.get(rule.kind, COMMON)
        clean = is_clean(rule.subject, allowed) and is_clean(rule.body, allowed)
        if not clean and not rule.name.startswith(FLAG):
            rule.name = (FLAG + rule.name)[:200]
        rule.save(update_fields=["subject", "body", "name"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0007_bounded_dates"),
    ]

    operations = [
        migrations.RunPython(convert_wordings, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reminderrule",
            name="body",
            field=models.TextField(
                help_text="Văn bản thường, có thể chèn các biến {{ ten_bien }} của loại nhắc việc.",
                verbose_name="nội dung",
            ),
        ),
        migrations.AlterField(
            model_name="reminderrule",
            name="subject",
            field=models.CharField(
                help_text="Văn bản thường, có thể chèn các biến {{ ten_bien }} của loại nhắc việc.",
                max_length=255,
                verbose_name="tiêu đề thư",
            ),
        ),
    ]
