"""The days off of 2026 that fall on weekdays, for the working-day calendar (editable in
the admin).  Tết Bính Ngọ (14/2–22/2/2026, nine days) was checked against public
reporting of the Government's plan; the other days are the Labour Code's holidays
(Article 112) as they fall in 2026, with the make-up day of the Hùng Kings'
commemoration (26/4, a Sunday) on Monday 27/4 — not checked against the year's
official notice, hence ``verified=False``."""

import datetime

from django.db import migrations

TET = "Thông báo nghỉ Tết Nguyên đán Bính Ngọ 2026 (14/2–22/2/2026), theo báo chí đưa tin"
LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112 (chưa đối chiếu thông báo năm 2026)"

DAYS = [
    (datetime.date(2026, 1, 1), "Tết Dương lịch", LABOUR_CODE, False),
    *[
        (datetime.date(2026, 2, day), "Nghỉ Tết Nguyên đán Bính Ngọ", TET, True)
        for day in (16, 17, 18, 19, 20)
    ],
    (datetime.date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)", LABOUR_CODE, False),
    (datetime.date(2026, 4, 30), "Ngày Chiến thắng", LABOUR_CODE, False),
    (datetime.date(2026, 5, 1), "Ngày Quốc tế Lao động", LABOUR_CODE, False),
    (datetime.date(2026, 9, 1), "Quốc khánh (nghỉ liền kề)", LABOUR_CODE, False),
    (datetime.date(2026, 9, 2), "Quốc khánh", LABOUR_CODE, False),
]


def seed(apps, schema_editor):
    Holiday = apps.get_model("common", "Holiday")
    for date, name, basis, verified in DAYS:
        Holiday.objects.get_or_create(
            date=date, defaults={"name": name, "legal_basis": basis, "verified": verified}
        )


def unseed(apps, schema_editor):
    Holiday = apps.get_model("common", "Holiday")
    Holiday.objects.filter(date__in=[day[0] for day in DAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("common", "0007_holidays")]

    operations = [migrations.RunPython(seed, unseed)]
