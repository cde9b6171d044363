"""Seed the authority table (who may award what) from the law, replacing
``AwardType.deciding_levels``.

Production data, like 0003: every installation starts with it and the admin
edits it afterwards.  What was checked, and where (see the report of the task
that added it, and ``legal_basis`` of each row):

- Law 06/2022/QH15 art. 80 (read in Công báo 571+572 of 15/7/2022): heads of
  units with legal status under ministries and provinces and of provincial
  departments (cl. 1), district chairs (cl. 2), commune chairs (cl. 3),
  directors of enterprises and cooperatives (cl. 4); the armed forces follow
  their ministers' rules (cl. 5).
- From 2025-07-01 the district level is abolished; commune chairs exercise
  the powers of cl. 2 and 3 (Decree 129/2025/NĐ-CP, as reported in the press;
  the decree's own text was not read).
- The articles on the provincial chair and the Prime Minister were not found
  with the search tool: those rows say "chưa đối chiếu được".

Rows start on 2004-07-01 (the 2003 Law took effect), so older decisions kept
in the portal are still within an authority; the 2003 Law's articles were not
checked either, and the rows say so.  An award type not seeded here (added by
an administrator) gets one row per level of its old ``deciding_levels``.
Keyed by (award type, level, unit types, start date): running it again adds
nothing.
"""

import datetime

from django.db import migrations

PROVINCE, DEPARTMENT, DISTRICT, COMMUNE, BASE, CENTRAL = (
    "province",
    "department",
    "district",
    "commune",
    "base",
    "",
)
STATE_AGENCY, PUBLIC_SERVICE, ECONOMIC = "state", "publicservice", "economic"
POLICE, MILITARY, BORDER_GUARD = "police", "military", "border"

SINCE = datetime.date(2004, 7, 1)
DISTRICTS_END = datetime.date(2025, 6, 30)
TWO_TIER_FROM = datetime.date(2025, 7, 1)

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
BEFORE_2024 = "trước 01/01/2024 theo Luật Thi đua, khen thưởng 2003: chưa đối chiếu được"
UNVERIFIED_ARTICLE = "chưa đối chiếu được số điều"

BASE_TITLES = [
    "giay-khen",
    "lao-dong-tien-tien",
    "chien-si-thi-dua-co-so",
    "tap-the-lao-dong-tien-tien",
]
PROVINCE_FORMS = [
    "bang-khen-chu-tich-ubnd-tinh",
    "chien-si-thi-dua-cap-tinh",
    "co-thi-dua-cap-tinh",
    "tap-the-lao-dong-xuat-sac",
    "xa-phuong-tieu-bieu",
]
PRIME_MINISTER_FORMS = [
    "bang-khen-thu-tuong",
    "chien-si-thi-dua-toan-quoc",
    "co-thi-dua-chinh-phu",
]

#: (codes, level, unit types, decider, from, to, legal basis)
ROWS = [
    (
        BASE_TITLES,
        DEPARTMENT,
        [],
        "Giám đốc sở, thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh và tương đương",
        SINCE,
        None,
        f"Khoản 1 Điều 80 {LAW}; {BEFORE_2024}",
    ),
    (
        BASE_TITLES,
        BASE,
        [STATE_AGENCY, PUBLIC_SERVICE],
        "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân",
        SINCE,
        None,
        f"Khoản 1 Điều 80 {LAW}; {BEFORE_2024}",
    ),
    (
        BASE_TITLES,
        BASE,
        [ECONOMIC],
        "Tổng giám đốc, giám đốc doanh nghiệp, hợp tác xã",
        SINCE,
        None,
        f"Khoản 4 Điều 80 {LAW}; {BEFORE_2024}",
    ),
    (
        ["giay-khen", "chien-si-tien-tien", "chien-si-thi-dua-co-so"],
        BASE,
        [POLICE, MILITARY, BORDER_GUARD],
        "Thủ trưởng đơn vị lực lượng vũ trang",
        SINCE,
        None,
        f"Khoản 5 Điều 80 {LAW}: theo quy định của Bộ trưởng Bộ Quốc phòng, "
        "Bộ trưởng Bộ Công an (chưa đối chiếu được)",
    ),
    (
        BASE_TITLES,
        DISTRICT,
        [],
        "Chủ tịch UBND cấp huyện",
        SINCE,
        DISTRICTS_END,
        f"Khoản 2 Điều 80 {LAW}; cấp huyện kết thúc hoạt động từ 01/7/2025; {BEFORE_2024}",
    ),
    (
        ["giay-khen", "lao-dong-tien-tien", "gia-dinh-van-hoa"],
        COMMUNE,
        [],
        "Chủ tịch UBND cấp xã",
        SINCE,
        None,
        f"Khoản 3 Điều 80 {LAW}; {BEFORE_2024}",
    ),
    (
        ["chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien"],
        COMMUNE,
        [],
        "Chủ tịch UBND cấp xã",
        TWO_TIER_FROM,
        None,
        f"Khoản 2 Điều 80 {LAW}, do Chủ tịch UBND cấp xã thực hiện từ 01/7/2025 theo "
        "Nghị định 129/2025/NĐ-CP (theo báo chí; chưa đối chiếu được nguyên văn nghị định)",
    ),
    (
        PROVINCE_FORMS,
        PROVINCE,
        [],
        "Chủ tịch UBND tỉnh",
        SINCE,
        None,
        f"{LAW}, thẩm quyền của Chủ tịch UBND cấp tỉnh ({UNVERIFIED_ARTICLE}); {BEFORE_2024}",
    ),
    (
        PRIME_MINISTER_FORMS,
        CENTRAL,
        [],
        "Thủ tướng Chính phủ",
        SINCE,
        None,
        f"{LAW}, thẩm quyền của Thủ tướng Chính phủ ({UNVERIFIED_ARTICLE}); {BEFORE_2024}",
    ),
    # Thư khen is not a form of the Law: every unit head may write one.
    *(
        (
            ["thu-khen"],
            level,
            [],
            decider,
            SINCE,
            DISTRICTS_END if level == DISTRICT else None,
            "Không phải hình thức khen thưởng theo Luật Thi đua, khen thưởng; "
            "thủ trưởng cơ quan, đơn vị biểu dương theo kế hoạch thi đua của mình",
        )
        for level, decider in [
            (PROVINCE, "Chủ tịch UBND tỉnh"),
            (DEPARTMENT, "Giám đốc sở và tương đương"),
            (DISTRICT, "Chủ tịch UBND cấp huyện"),
            (COMMUNE, "Chủ tịch UBND cấp xã"),
            (BASE, "Thủ trưởng đơn vị"),
        ]
    ),
]

#: Deciders for the rows copied from an administrator's ``deciding_levels``.
LEVEL_DECIDERS = {
    PROVINCE: "Chủ tịch UBND tỉnh",
    DEPARTMENT: "Giám đốc sở và tương đương",
    DISTRICT: "Chủ tịch UBND cấp huyện",
    COMMUNE: "Chủ tịch UBND cấp xã",
    BASE: "Thủ trưởng đơn vị",
}


def _add(AwardAuthority, award_type, level, types, decider, start, end, basis):
    exists = AwardAuthority.objects.filter(
        award_type=award_type, issuer_level=level, effective_from=start
    )
    if any(sorted(row.issuer_unit_types) == sorted(types) for row in exists):
        return
    AwardAuthority.objects.create(
        award_type=award_type,
        issuer_level=level,
        issuer_unit_types=types,
        decider=decider,
        effective_from=start,
        effective_to=end,
        legal_basis=basis,
    )


def seed_authority(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardAuthority = apps.get_model("awards", "AwardAuthority")
    types = AwardType.objects.in_bulk(field_name="code")
    seeded = set()
    for codes, level, unit_types, decider, start, end, basis in ROWS:
        for code in codes:
            if code in types:
                seeded.add(code)
                _add(AwardAuthority, types[code], level, unit_types, decider, start, end, basis)
    for code, award_type in types.items():
        if code in seeded:
            continue
        # getattr: the field is gone once 0015 ran (tests re-run this after a flush).
        for level in getattr(award_type, "deciding_levels", None) or []:
            _add(
                AwardAuthority,
                award_type,
                level,
                [],
                LEVEL_DECIDERS.get(level, level),
                SINCE,
                DISTRICTS_END if level == DISTRICT else None,
                "Chuyển từ “cấp có thẩm quyền quyết định” của danh mục (chưa đối chiếu được)",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0013_award_authority"),
    ]

    operations = [
        # Reversing keeps the rows, as 0003 does.
        migrations.RunPython(seed_authority, migrations.RunPython.noop),
    ]
