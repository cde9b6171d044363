"""Seed the council's voting rules for the titles that need a secret ballot.

Production data, edited in the admin afterwards.  What could and could not be checked
(search of public pages, December 2026):

* The text of Decree 152/2025/NĐ-CP (in force from 2025-07-01) on the council's vote
  could not be found, so every row is seeded ``verified=False`` and its legal basis
  says "chưa đối chiếu được".
* The values are those of the rule it descends from, Decree 91/2017/NĐ-CP, art. 45(8),
  as quoted by the Central Emulation and Commendation Board's Q&A page
  (banthiduakhenthuongtw.gov.vn/traloi/b6b7af14f6e14ac9a084a21d7a64b00e): to consider
  "Chiến sĩ thi đua" of a ministry, branch or province and "Chiến sĩ thi đua toàn
  quốc", the council meets and votes by secret ballot; a nominee needs at least 90 %
  agreeing votes counted on the council's whole membership; absent members give their
  opinion in writing.
* A quorum (members present) was not found in that text: seeded as 0 (no condition).

Keyed by (award code, effective date), so running it again changes nothing; a title
missing from the catalogue is skipped.
"""

import datetime
from decimal import Decimal

from django.db import migrations

SECRET, ALL_MEMBERS, AT_LEAST = "secret", "all", "atleast"
FROM = datetime.date(2025, 7, 1)
BASIS = (
    "Nghị định 152/2025/NĐ-CP: chưa đối chiếu được (không tìm thấy điều khoản về biểu "
    "quyết của Hội đồng). Giá trị tạm lấy theo khoản 8 Điều 45 Nghị định 91/2017/NĐ-CP "
    "(đã được thay thế): Hội đồng họp và bỏ phiếu kín; tỷ lệ phiếu đồng ý từ 90% trở lên "
    "tính trên tổng số thành viên Hội đồng; thành viên vắng mặt thì lấy ý kiến bằng văn "
    "bản. Số thành viên dự họp tối thiểu: chưa đối chiếu được (để 0)."
)
CODES = ["chien-si-thi-dua-cap-tinh", "chien-si-thi-dua-toan-quoc"]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    VotingRule = apps.get_model("council", "VotingRule")
    for award_type in AwardType.objects.filter(code__in=CODES):
        VotingRule.objects.update_or_create(
            award_type=award_type,
            effective_from=FROM,
            defaults={
                "method": SECRET,
                "denominator": ALL_MEMBERS,
                "threshold_percent": Decimal("90"),
                "comparison": AT_LEAST,
                "quorum_percent": Decimal("0"),
                "absentee_written_counts": True,
                "legal_basis": BASIS,
                "verified": False,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0001_initial"),
        ("awards", "0022_nomination_routing"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
