"""The data migration that turns old template wordings into placeholders."""

import importlib

import pytest
from django.apps import apps

from campaign.enums import ReminderKind
from campaign.models import ReminderRule
from tests.factories import ReminderRuleFactory

pytestmark = pytest.mark.unit

migration = importlib.import_module("campaign.migrations.0008_reminder_wording_placeholders")
defaults = importlib.import_module("campaign.migrations.0003_default_reminder_rules")


def test_the_six_old_default_wordings_convert_to_valid_placeholders():
    for spec in defaults.RULES:
        rule = ReminderRule(
            kind=spec["kind"],
            subject=migration.convert(spec["subject"]),
            body=migration.convert(spec["body"]),
        )

        assert rule.wording_is_valid is True, spec["kind"]
        assert "{{ url }}" not in rule.body
        assert rule.body.endswith("Xem chi tiết trên cổng: {{ duong_dan }}")


def test_the_plan_condition_is_dropped_and_old_names_renamed():
    old = (
        "{{ recipient }}: “{{ campaign }}”{% if campaign.plan_reference %} (Kế hoạch số "
        "{{ campaign.plan_reference }}){% endif %}, {{unit.name}}, {{ campaign.plan_reference }}"
    )

    assert migration.convert(old) == (
        "{{ nguoi_nhan }}: “{{ phong_trao }}”, {{ don_vi }}, {{ so_ke_hoach }}"
    )


@pytest.mark.django_db
def test_custom_wording_is_converted_and_an_unknown_expression_flagged():
    kept = ReminderRuleFactory(
        name="Nhắc riêng",
        kind=ReminderKind.REVIEW_REPORT,
        subject="Báo cáo {{ review_label }} – {{ unit }}",
        body="Kính gửi {{ recipient }}, còn {{ days_left }} ngày.",
    )
    flagged = ReminderRuleFactory(
        name="Nhắc lạ",
        kind=ReminderKind.RETURNED_NOMINATION,
        subject="{{ nomination }}",
        body="{{ nomination.created_by.password }}{% debug %}",
    )

    migration.convert_wordings(apps, None)
    migration.convert_wordings(apps, None)  # twice: nothing more changes

    kept.refresh_from_db()
    flagged.refresh_from_db()
    assert (kept.name, kept.subject, kept.body) == (
        "Nhắc riêng",
        "Báo cáo {{ ky_bao_cao }} – {{ don_vi }}",
        "Kính gửi {{ nguoi_nhan }}, còn {{ so_ngay_con_lai }} ngày.",
    )
    assert (flagged.name, flagged.subject, flagged.body) == (
        "[Cần sửa nội dung] Nhắc lạ",
        "{{ ho_so }}",
        "{{ nomination.created_by.password }}{% debug %}",
    )
    assert flagged.wording_is_valid is False
