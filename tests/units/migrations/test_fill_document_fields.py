"""units/migrations/0008_fill_document_fields.py: the head's title, the parent line and
collective leadership filled from what the letterhead guessed before, values already
there kept."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from tests.factories import UnitFactory
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

migration = importlib.import_module("units.migrations.0008_fill_document_fields")


def test_the_fill_takes_the_old_guess_and_keeps_what_is_set():
    province = UnitFactory(issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE")
    health = UnitFactory(issuer_name="SỞ Y TẾ", parent=province)
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health)
    school = UnitFactory(issuer_name="TRƯỜNG THPT CHUYÊN BẾN TRE", head_title="HIỆU TRƯỞNG")
    club = UnitFactory(name="Câu lạc bộ Hưu trí", letterhead_parent="CÔNG ĐOÀN NGÀNH Y TẾ")
    commune = UnitFactory(issuer_name="ỦY BAN NHÂN DÂN XÃ PHÚ TÚC", parent=province)

    migration.fill(apps, SimpleNamespace(connection=connection))

    rows = Unit.objects.in_bulk([u.pk for u in (province, health, hospital, school, club, commune)])

    def fields(unit):
        row = rows[unit.pk]
        return (row.head_title, row.letterhead_parent, row.collective_leadership)

    assert [fields(u) for u in (province, health, hospital, school, club, commune)] == [
        ("CHỦ TỊCH", "", True),
        ("GIÁM ĐỐC", "UBND TỈNH BẾN TRE", False),
        ("GIÁM ĐỐC", "SỞ Y TẾ", False),
        ("HIỆU TRƯỞNG", "", False),
        ("", "CÔNG ĐOÀN NGÀNH Y TẾ", False),
        ("CHỦ TỊCH", "", True),
    ]
