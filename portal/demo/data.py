"""Static demo data: the unit tree, name pools, positions and achievement texts.

Everything here is fictional except the public names of the province's agencies,
hospitals and communes.  No person named here is a real office holder: names are
drawn from pools, and the decision signer is invented.
"""

import datetime
from dataclasses import dataclass

from campaign.enums import RoundKind
from units.enums import CouncilRole, SignerKind
from units.enums import IndividualCategory as C
from units.enums import UnitLevel as L
from units.enums import UnitType as T

#: The demo's random choices come from ``random.Random(SEED)``: same data every run.
SEED = 2777
DEMO_PASSWORD = "demo12345"  # noqa: S105 - the loader refuses to run outside DEBUG
#: The authenticator key (base32) of every demo account that must sign in with a second
#: factor (admin, staff, the council): published in the README, for the demo only.
DEMO_TOTP_SECRET = "BENTRE2777THIDUAKHENTHUONGDEMOQR"  # noqa: S105 - demo only, published
#: Their recovery codes, the same for each of them, restored by each run of load_demo.
DEMO_RECOVERY_CODES = [f"demo-{n:04d}" for n in range(1, 11)]

ROOT = "ubnd-tinh-ben-tre"
HEALTH = "so-y-te"
POLICE = "cong-an-tinh"


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    unit_type: str
    level: str
    parent: str | None
    short_name: str = ""
    issuer_name: str = ""
    head_title: str = ""
    letterhead_parent: str = ""
    collective_leadership: bool = False
    document_symbol: str = ""
    place_name: str = "Bến Tre"
    has_legal_status: bool = True  # False: a ward, a team (decides no award)
    profile: str = ""  # key of PROFILES: who works there
    headcount: int = 0
    themes: tuple[str, ...] = ()  # keys of ACHIEVEMENTS
    leaders: tuple[str, ...] = ()  # overrides the profile's leader positions
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    successor: str | None = None


def _commune(code, name, headcount, themes=("community", "fund")):
    kind = name.split()[0].lower()
    return UnitSpec(
        code,
        name,
        T.COMMUNE,
        L.COMMUNE,
        ROOT,
        issuer_name=f"ỦY BAN NHÂN DÂN {name.upper()}",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        document_symbol="UBND",
        place_name=name.split(maxsplit=1)[1],
        profile="commune",
        headcount=headcount,
        themes=themes,
        leaders=(f"Chủ tịch UBND {kind}", f"Phó Chủ tịch UBND {kind}"),
    )


#: Parents come before their children.  The demo stays in the world of Plan 2777:
#: Bến Tre province as it was in 2021, whose People's Committee issues the plan, the
#: decision, the certificates and the notices, and whose units nominate.  The 2025
#: merger into Vĩnh Long province is not part of the demo (a successor here would
#: make every document the demo prints after 2025-07-01 come from a unit that no
#: longer exists).
UNITS: tuple[UnitSpec, ...] = (
    UnitSpec(
        ROOT,
        "Ủy ban nhân dân tỉnh Bến Tre",
        T.STATE_AGENCY,
        L.PROVINCE,
        None,
        short_name="UBND tỉnh",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        document_symbol="UBND",
    ),
    UnitSpec(
        "van-phong-ubnd-tinh",
        "Văn phòng Ủy ban nhân dân tỉnh",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="VP UBND tỉnh",
        issuer_name="VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH",
        head_title="CHÁNH VĂN PHÒNG",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="VPUBND",
        profile="department",
        headcount=6,
        themes=("digital",),
        leaders=("Phó Chánh Văn phòng", "Trưởng phòng Khoa giáo – Văn xã"),
    ),
    # Health: officer1 acts for the department and sees the hospitals below it.
    UnitSpec(
        HEALTH,
        "Sở Y tế",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="SYT",
        issuer_name="SỞ Y TẾ",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="SYT",
        profile="department",
        headcount=8,
        themes=("tracing", "vaccination"),
        leaders=("Phó Giám đốc Sở", "Trưởng phòng Nghiệp vụ Y"),
    ),
    UnitSpec(
        "bv-nguyen-dinh-chieu",
        "Bệnh viện Nguyễn Đình Chiểu",
        T.PUBLIC_SERVICE,
        L.BASE,
        HEALTH,
        short_name="BV Nguyễn Đình Chiểu",
        issuer_name="BỆNH VIỆN NGUYỄN ĐÌNH CHIỂU",
        head_title="GIÁM ĐỐC",
        letterhead_parent="SỞ Y TẾ TỈNH BẾN TRE",
        document_symbol="BVNĐC",
        profile="hospital",
        headcount=14,
        themes=("treatment", "testing"),
    ),
    UnitSpec(
        "bvndc-khoa-hoi-suc",
        "Khoa Hồi sức tích cực – Chống độc",
        T.PUBLIC_SERVICE,
        L.BASE,
        "bv-nguyen-dinh-chieu",
        profile="ward",
        has_legal_status=False,
        headcount=10,
        themes=("treatment",),
    ),
    UnitSpec(
        "bvndc-khoa-nhiet-doi",
        "Khoa Bệnh nhiệt đới",
        T.PUBLIC_SERVICE,
        L.BASE,
        "bv-nguyen-dinh-chieu",
        profile="ward",
        has_legal_status=False,
        headcount=10,
        themes=("treatment",),
    ),
    UnitSpec(
        "cdc-ben-tre",
        "Trung tâm Kiểm soát bệnh tật tỉnh",
        T.PUBLIC_SERVICE,
        L.BASE,
        HEALTH,
        short_name="CDC tỉnh",
        issuer_name="TRUNG TÂM KIỂM SOÁT BỆNH TẬT",
        head_title="GIÁM ĐỐC",
        letterhead_parent="SỞ Y TẾ TỈNH BẾN TRE",
        document_symbol="TTKSBT",
        profile="hospital",
        headcount=16,
        themes=("tracing", "testing", "vaccination"),
        leaders=("Phó Giám đốc", "Trưởng khoa Phòng, chống bệnh truyền nhiễm"),
    ),
    UnitSpec(
        "bvdkkv-cu-lao-minh",
        "Bệnh viện Đa khoa khu vực Cù Lao Minh",
        T.PUBLIC_SERVICE,
        L.BASE,
        HEALTH,
        short_name="BVĐKKV Cù Lao Minh",
        issuer_name="BỆNH VIỆN ĐA KHOA KHU VỰC CÙ LAO MINH",
        head_title="GIÁM ĐỐC",
        letterhead_parent="SỞ Y TẾ TỈNH BẾN TRE",
        document_symbol="BVCLM",
        profile="hospital",
        headcount=12,
        themes=("treatment", "vaccination"),
    ),
    UnitSpec(
        "ttyt-chau-thanh",
        "Trung tâm Y tế huyện Châu Thành",
        T.PUBLIC_SERVICE,
        L.BASE,
        HEALTH,
        short_name="TTYT Châu Thành",
        issuer_name="TRUNG TÂM Y TẾ HUYỆN CHÂU THÀNH",
        head_title="GIÁM ĐỐC",
        letterhead_parent="SỞ Y TẾ TỈNH BẾN TRE",
        document_symbol="TTYT",
        profile="hospital",
        headcount=10,
        themes=("testing", "vaccination", "quarantine"),
    ),
    UnitSpec(
        "so-noi-vu",
        "Sở Nội vụ",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="SNV",
        issuer_name="SỞ NỘI VỤ",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="SNV",
        profile="department",
        headcount=5,
        themes=("admin", "digital"),
    ),
    UnitSpec(
        "ban-tdkt",
        "Ban Thi đua – Khen thưởng",
        T.STATE_AGENCY,
        L.BASE,
        "so-noi-vu",
        short_name="Ban TĐKT",
        issuer_name="BAN THI ĐUA – KHEN THƯỞNG",
        head_title="TRƯỞNG BAN",
        letterhead_parent="SỞ NỘI VỤ TỈNH BẾN TRE",
        document_symbol="BTĐKT",
        profile="department",
        headcount=5,
        themes=("admin",),
        leaders=("Phó Trưởng ban", "Trưởng phòng Nghiệp vụ Thi đua"),
    ),
    UnitSpec(
        "so-gd-dt",
        "Sở Giáo dục và Đào tạo",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="SGDĐT",
        issuer_name="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="SGDĐT",
        profile="department",
        headcount=5,
        themes=("teaching",),
    ),
    UnitSpec(
        "thpt-chuyen-ben-tre",
        "Trường THPT Chuyên Bến Tre",
        T.PUBLIC_SERVICE,
        L.BASE,
        "so-gd-dt",
        issuer_name="TRƯỜNG THPT CHUYÊN BẾN TRE",
        head_title="HIỆU TRƯỞNG",
        letterhead_parent="SỞ GIÁO DỤC VÀ ĐÀO TẠO BẾN TRE",
        document_symbol="THPTC",
        profile="school",
        headcount=6,
        themes=("teaching", "community"),
    ),
    UnitSpec(
        "so-ldtbxh",
        "Sở Lao động – Thương binh và Xã hội",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="SLĐTBXH",
        issuer_name="SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="SLĐTBXH",
        profile="department",
        headcount=6,
        themes=("social",),
    ),
    UnitSpec(
        "so-cong-thuong",
        "Sở Công Thương",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="SCT",
        issuer_name="SỞ CÔNG THƯƠNG",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="SCT",
        profile="department",
        headcount=5,
        themes=("social",),
    ),
    UnitSpec(
        "so-tai-chinh",
        "Sở Tài chính",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="STC",
        issuer_name="SỞ TÀI CHÍNH",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="STC",
        profile="department",
        headcount=4,
        themes=("social",),
    ),
    UnitSpec(
        "so-tt-tt",
        "Sở Thông tin và Truyền thông",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="STTTT",
        issuer_name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="STTTT",
        profile="department",
        headcount=5,
        themes=("digital",),
    ),
    UnitSpec(
        "so-gtvt",
        "Sở Giao thông vận tải",
        T.STATE_AGENCY,
        L.DEPARTMENT,
        ROOT,
        short_name="SGTVT",
        issuer_name="SỞ GIAO THÔNG VẬN TẢI",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="SGTVT",
        profile="department",
        headcount=5,
        themes=("social", "checkpoint"),
    ),
    # Police: officer2 acts for the provincial police and sees its divisions.
    UnitSpec(
        POLICE,
        "Công an tỉnh",
        T.POLICE,
        L.DEPARTMENT,
        ROOT,
        short_name="CAT",
        issuer_name="CÔNG AN TỈNH BẾN TRE",
        head_title="GIÁM ĐỐC",
        letterhead_parent="BỘ CÔNG AN",
        document_symbol="CAT",
        profile="police",
        headcount=8,
        themes=("checkpoint",),
        leaders=("Đại tá, Phó Giám đốc Công an tỉnh", "Trung tá, Chánh Văn phòng"),
    ),
    UnitSpec(
        "ca-pc06",
        "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        T.POLICE,
        L.BASE,
        POLICE,
        short_name="PC06",
        profile="police",
        headcount=10,
        themes=("checkpoint",),
    ),
    UnitSpec(
        "ca-pc08",
        "Phòng Cảnh sát giao thông",
        T.POLICE,
        L.BASE,
        POLICE,
        short_name="PC08",
        profile="police",
        headcount=10,
        themes=("checkpoint",),
    ),
    UnitSpec(
        "ca-pc02",
        "Phòng Cảnh sát hình sự",
        T.POLICE,
        L.BASE,
        POLICE,
        short_name="PC02",
        profile="police",
        headcount=8,
        themes=("checkpoint", "quarantine"),
    ),
    UnitSpec(
        "bchqs-tinh",
        "Bộ Chỉ huy Quân sự tỉnh",
        T.MILITARY,
        L.DEPARTMENT,
        ROOT,
        short_name="BCHQS tỉnh",
        issuer_name="BỘ CHỈ HUY QUÂN SỰ TỈNH BẾN TRE",
        head_title="CHỈ HUY TRƯỞNG",
        letterhead_parent="QUÂN KHU 9",
        document_symbol="BCH",
        profile="military",
        headcount=8,
        themes=("quarantine",),
    ),
    UnitSpec(
        "bchqs-chau-thanh",
        "Ban Chỉ huy Quân sự huyện Châu Thành",
        T.MILITARY,
        L.BASE,
        "bchqs-tinh",
        profile="military",
        headcount=8,
        themes=("quarantine",),
        leaders=("Trung tá, Chỉ huy trưởng", "Thiếu tá, Chính trị viên"),
    ),
    UnitSpec(
        "bdbp-tinh",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        T.BORDER_GUARD,
        L.DEPARTMENT,
        ROOT,
        short_name="BĐBP tỉnh",
        issuer_name="BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH BẾN TRE",
        head_title="CHỈ HUY TRƯỞNG",
        letterhead_parent="BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG",
        document_symbol="BCH",
        profile="border",
        headcount=6,
        themes=("border",),
        leaders=("Thượng tá, Phó Chỉ huy trưởng", "Trung tá, Trưởng phòng Tham mưu"),
    ),
    UnitSpec(
        "dbp-cua-dai",
        "Đồn Biên phòng Cửa Đại",
        T.BORDER_GUARD,
        L.BASE,
        "bdbp-tinh",
        profile="border",
        headcount=9,
        themes=("border",),
    ),
    UnitSpec(
        "mttq-tinh",
        "Ủy ban MTTQ Việt Nam tỉnh",
        T.FATHERLAND_FRONT,
        L.DEPARTMENT,
        ROOT,
        short_name="UBMTTQ tỉnh",
        issuer_name="ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        document_symbol="MTTQ",
        profile="mass",
        headcount=5,
        themes=("fund", "community"),
    ),
    UnitSpec(
        "tinh-doan",
        "Tỉnh đoàn Bến Tre",
        T.SOCIO_POLITICAL,
        L.DEPARTMENT,
        ROOT,
        issuer_name="BAN CHẤP HÀNH TỈNH ĐOÀN BẾN TRE",
        head_title="BÍ THƯ",
        letterhead_parent="ĐOÀN TNCS HỒ CHÍ MINH",
        document_symbol="TĐTN",
        profile="youth",
        headcount=7,
        themes=("community",),
    ),
    UnitSpec(
        "hoi-lhpn-tinh",
        "Hội Liên hiệp Phụ nữ tỉnh",
        T.SOCIO_POLITICAL,
        L.DEPARTMENT,
        ROOT,
        short_name="Hội LHPN tỉnh",
        issuer_name="HỘI LIÊN HIỆP PHỤ NỮ TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        document_symbol="HPN",
        profile="mass",
        headcount=5,
        themes=("fund", "community"),
    ),
    UnitSpec(
        "ldld-tinh",
        "Liên đoàn Lao động tỉnh",
        T.SOCIO_POLITICAL,
        L.DEPARTMENT,
        ROOT,
        short_name="LĐLĐ tỉnh",
        issuer_name="LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        letterhead_parent="TỔNG LĐLĐ VIỆT NAM",
        document_symbol="LĐLĐ",
        profile="mass",
        headcount=4,
        themes=("social", "fund"),
    ),
    UnitSpec(
        "lhh-khkt-tinh",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
        T.SOCIO_PROFESSIONAL,
        L.DEPARTMENT,
        ROOT,
        short_name="Liên hiệp Hội tỉnh",
        issuer_name="LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        document_symbol="LHH",
        profile="mass",
        headcount=3,
        themes=("digital",),
    ),
    # Party agencies sit under the provincial root because the tree is the one the
    # provincial emulation council works on, not a political hierarchy.
    UnitSpec(
        "ban-tuyen-giao-tu",
        "Ban Tuyên giáo Tỉnh ủy",
        T.PARTY_AGENCY,
        L.DEPARTMENT,
        ROOT,
        issuer_name="BAN TUYÊN GIÁO TỈNH ỦY",
        head_title="TRƯỞNG BAN",
        letterhead_parent="ĐẢNG BỘ TỈNH BẾN TRE",
        document_symbol="BTGTU",
        profile="party",
        headcount=4,
        themes=("digital",),
    ),
    UnitSpec(
        "van-phong-tinh-uy",
        "Văn phòng Tỉnh ủy",
        T.PARTY_AGENCY,
        L.DEPARTMENT,
        ROOT,
        issuer_name="VĂN PHÒNG TỈNH ỦY",
        head_title="CHÁNH VĂN PHÒNG",
        letterhead_parent="ĐẢNG BỘ TỈNH BẾN TRE",
        document_symbol="VPTU",
        profile="party",
        headcount=3,
        themes=("digital",),
        leaders=("Phó Chánh Văn phòng",),
    ),
    UnitSpec(
        "cty-duoc-ben-tre",
        "Công ty Cổ phần Dược phẩm Bến Tre",
        T.ECONOMIC,
        L.BASE,
        ROOT,
        issuer_name="CÔNG TY CỔ PHẦN DƯỢC PHẨM BẾN TRE",
        head_title="TỔNG GIÁM ĐỐC",
        document_symbol="DPBT",
        profile="pharma",
        headcount=8,
        themes=("production", "fund"),
    ),
    UnitSpec(
        "xskt-ben-tre",
        "Công ty TNHH MTV Xổ số kiến thiết Bến Tre",
        T.ECONOMIC,
        L.BASE,
        ROOT,
        issuer_name="CÔNG TY TNHH MTV XỔ SỐ KIẾN THIẾT BẾN TRE",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="XSKT",
        profile="enterprise",
        headcount=5,
        themes=("fund",),
    ),
    _commune("phuong-an-hoi", "Phường An Hội", 12),
    _commune("phuong-phu-khuong", "Phường Phú Khương", 8),
    _commune("xa-son-dong", "Xã Sơn Đông", 7),
    _commune("xa-phu-tuc", "Xã Phú Túc", 8),
    _commune("xa-tan-thach", "Xã Tân Thạch", 7),
    _commune("xa-an-thuy", "Xã An Thủy", 7, themes=("community", "fund", "border")),
    _commune("xa-thanh-hai", "Xã Thạnh Hải", 8, themes=("community", "fund", "border")),
)


@dataclass(frozen=True)
class Profile:
    """Who works in a kind of unit: leader positions, then weighted staff positions."""

    leaders: tuple[tuple[str, str], ...]
    staff: tuple[tuple[str, str, int], ...]
    male_share: float = 0.5
    households: int = 0  # household heads among the headcount (communes)
    young: bool = False  # armed forces: more people born around 2000


_HEALTH_STAFF = (
    ("Bác sĩ", C.PUBLIC_EMPLOYEE, 4),
    ("Điều dưỡng", C.PUBLIC_EMPLOYEE, 5),
    ("Kỹ thuật viên xét nghiệm", C.PUBLIC_EMPLOYEE, 2),
    ("Dược sĩ", C.PUBLIC_EMPLOYEE, 1),
    ("Hộ lý", C.WORKER, 1),
)
_OFFICE_STAFF = (
    ("Chuyên viên", C.CIVIL_SERVANT, 5),
    ("Chuyên viên chính", C.CIVIL_SERVANT, 2),
    ("Nhân viên", C.WORKER, 1),
)

PROFILES: dict[str, Profile] = {
    "department": Profile(
        leaders=(("Phó Giám đốc Sở", C.CIVIL_SERVANT), ("Trưởng phòng", C.CIVIL_SERVANT)),
        staff=_OFFICE_STAFF,
    ),
    "hospital": Profile(
        leaders=(("Phó Giám đốc", C.PUBLIC_EMPLOYEE), ("Trưởng khoa", C.PUBLIC_EMPLOYEE)),
        staff=_HEALTH_STAFF,
        male_share=0.4,
    ),
    "ward": Profile(
        leaders=(("Trưởng khoa", C.PUBLIC_EMPLOYEE), ("Điều dưỡng trưởng", C.PUBLIC_EMPLOYEE)),
        staff=_HEALTH_STAFF,
        male_share=0.4,
    ),
    "school": Profile(
        leaders=(("Hiệu trưởng", C.PUBLIC_EMPLOYEE), ("Phó Hiệu trưởng", C.PUBLIC_EMPLOYEE)),
        staff=(("Giáo viên", C.PUBLIC_EMPLOYEE, 5), ("Nhân viên y tế trường học", C.WORKER, 1)),
        male_share=0.35,
    ),
    "police": Profile(
        leaders=(
            ("Trung tá, Trưởng phòng", C.ARMED_OFFICER),
            ("Thiếu tá, Đội trưởng", C.ARMED_OFFICER),
        ),
        staff=(
            ("Đại úy", C.ARMED_OFFICER, 2),
            ("Thượng úy", C.ARMED_OFFICER, 3),
            ("Trung úy", C.ARMED_OFFICER, 2),
            ("Trung sĩ", C.SOLDIER, 2),
            ("Hạ sĩ", C.SOLDIER, 2),
        ),
        male_share=0.85,
        young=True,
    ),
    "military": Profile(
        leaders=(
            ("Thượng tá, Phó Chỉ huy trưởng", C.ARMED_OFFICER),
            ("Trung tá, Chủ nhiệm Hậu cần", C.ARMED_OFFICER),
        ),
        staff=(
            ("Đại úy", C.ARMED_OFFICER, 2),
            ("Thượng úy", C.ARMED_OFFICER, 2),
            ("Thượng sĩ", C.SOLDIER, 1),
            ("Binh nhất", C.SOLDIER, 3),
            ("Chiến sĩ", C.SOLDIER, 2),
        ),
        male_share=0.9,
        young=True,
    ),
    "border": Profile(
        leaders=(
            ("Thiếu tá, Đồn trưởng", C.ARMED_OFFICER),
            ("Đại úy, Chính trị viên phó", C.ARMED_OFFICER),
        ),
        staff=(
            ("Thượng úy", C.ARMED_OFFICER, 2),
            ("Trung úy", C.ARMED_OFFICER, 2),
            ("Thượng sĩ", C.SOLDIER, 1),
            ("Chiến sĩ", C.SOLDIER, 4),
        ),
        male_share=0.9,
        young=True,
    ),
    "mass": Profile(
        leaders=(("Phó Chủ tịch", C.CADRE),),
        staff=(("Chuyên viên", C.CIVIL_SERVANT, 3), ("Cán bộ chuyên trách", C.CADRE, 1)),
    ),
    "youth": Profile(
        leaders=(("Phó Bí thư Tỉnh đoàn", C.CADRE),),
        staff=(
            ("Chuyên viên Ban Phong trào", C.CIVIL_SERVANT, 2),
            ("Đoàn viên tình nguyện", C.CITIZEN, 2),
        ),
    ),
    "party": Profile(
        leaders=(("Phó Trưởng ban", C.CADRE),),
        staff=(("Chuyên viên", C.CIVIL_SERVANT, 1),),
    ),
    "pharma": Profile(
        leaders=(("Phó Tổng Giám đốc", C.WORKER), ("Quản đốc phân xưởng", C.WORKER)),
        staff=(
            ("Công nhân sản xuất", C.WORKER, 4),
            ("Dược sĩ", C.WORKER, 2),
            ("Nhân viên kinh doanh", C.WORKER, 1),
        ),
    ),
    "enterprise": Profile(
        leaders=(("Phó Giám đốc", C.WORKER), ("Trưởng phòng Hành chính", C.WORKER)),
        staff=(("Nhân viên", C.WORKER, 4), ("Kế toán", C.WORKER, 1)),
    ),
    "commune": Profile(
        leaders=(),  # given per commune ("Chủ tịch UBND xã" or "... phường")
        staff=(
            ("Công chức Văn hóa – Xã hội", C.CIVIL_SERVANT, 2),
            ("Công chức Tư pháp – Hộ tịch", C.CIVIL_SERVANT, 1),
            ("Trưởng ấp", C.CITIZEN, 2),
            ("Tình nguyện viên Tổ COVID cộng đồng", C.CITIZEN, 3),
        ),
        households=1,
    ),
}

#: Positions a unit's leaders hold are cadres when the profile says nothing else.
COMMUNE_LEADER_CATEGORY = C.CADRE
HOUSEHOLD_POSITION = "Chủ hộ"

# --- Names ----------------------------------------------------------------------
#: (family name, weight): roughly the frequencies of the Mekong Delta.
FAMILY_NAMES = (
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 6),
    ("Huỳnh", 7),
    ("Võ", 6),
    ("Phan", 4),
    ("Trương", 3),
    ("Đặng", 3),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 3),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lý", 2),
)
MALE_MIDDLE = ("Văn", "Văn", "Văn", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Hoàng", "Tấn", "Công")
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Hồng", "Bích")
MALE_GIVEN = (
    "An", "Bình", "Dũng", "Đạt", "Hiếu", "Khánh", "Phúc", "Tú", "Hùng", "Tâm", "Trung",
    "Nam", "Sơn", "Tài", "Thắng", "Toàn", "Long", "Huy", "Lộc", "Quang", "Nghĩa", "Phước",
    "Thịnh", "Vinh", "Hải", "Kiệt", "Khoa", "Duy", "Tuấn", "Cường",
)  # fmt: skip
FEMALE_GIVEN = (
    "Hạnh", "Lan", "Quỳnh", "Thảo", "Vy", "Châu", "Ngân", "Trang", "Hương", "Linh", "Mai",
    "Nhung", "Phượng", "Thủy", "Yến", "Diễm", "Hoa", "Tuyết", "Loan", "Oanh", "Nhi", "Trâm",
    "Tiên", "Hằng", "Khánh", "An", "Tú", "Hiền", "Xuân", "Liên",
)  # fmt: skip

#: The person later tests search for without diacritics ("nguyen van an").
WELL_KNOWN_PERSON = ("cdc-ben-tre", "Nguyễn Văn An", "Bác sĩ")

# --- Achievements -----------------------------------------------------------------
#: theme -> [(title, description)]; for individuals.
ACHIEVEMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "treatment": (
        (
            "Điều trị bệnh nhân COVID-19 nặng",
            "Trực tiếp tham gia điều trị hơn 250 bệnh nhân COVID-19 mức độ nặng và nguy kịch; "
            "áp dụng thở máy, lọc máu liên tục theo phác đồ, góp phần giảm tỷ lệ tử vong.",
        ),
        (
            "Trực chiến tại khu điều trị COVID-19",
            "Tình nguyện trực chiến liên tục 90 ngày tại khu điều trị người bệnh COVID-19, thực "
            "hiện “3 tại chỗ”, không để xảy ra lây nhiễm chéo trong khu điều trị.",
        ),
        (
            "Chăm sóc người bệnh COVID-19",
            "Chăm sóc toàn diện người bệnh COVID-19: hướng dẫn tập thở, hỗ trợ dinh dưỡng, động "
            "viên tinh thần; được người bệnh và gia đình ghi nhận.",
        ),
    ),
    "tracing": (
        (
            "Truy vết F0, F1 kịp thời",
            "Tham gia điều tra dịch tễ, truy vết hơn 1.200 trường hợp F1, F2 trong 24 giờ đầu; "
            "khoanh vùng gọn ổ dịch tại chợ đầu mối, không để lây lan ra cộng đồng.",
        ),
        (
            "Điều tra dịch tễ ổ dịch khu công nghiệp",
            "Chủ trì điều tra dịch tễ ổ dịch tại khu công nghiệp, đề xuất phương án “3 tại chỗ” "
            "cho doanh nghiệp, giúp duy trì sản xuất an toàn.",
        ),
    ),
    "testing": (
        (
            "Xét nghiệm diện rộng",
            "Lấy mẫu và xét nghiệm RT-PCR cho hơn 50.000 lượt người trong đợt xét nghiệm diện "
            "rộng, trả kết quả trong 24 giờ.",
        ),
    ),
    "vaccination": (
        (
            "Tiêm vắc xin COVID-19 an toàn",
            "Tham gia tổ chức tiêm vắc xin COVID-19 cho hơn 15.000 lượt người tại các điểm tiêm "
            "lưu động, bảo đảm an toàn tiêm chủng.",
        ),
    ),
    "quarantine": (
        (
            "Quản lý khu cách ly tập trung",
            "Quản lý an toàn khu cách ly tập trung với hơn 800 lượt công dân; bảo đảm ăn, ở, vệ "
            "sinh, không để xảy ra lây nhiễm chéo trong khu cách ly.",
        ),
        (
            "Đón công dân về quê an toàn",
            "Tổ chức đón, hướng dẫn và cách ly y tế hơn 2.000 công dân từ Thành phố Hồ Chí Minh "
            "và các tỉnh lân cận về quê an toàn.",
        ),
    ),
    "checkpoint": (
        (
            "Chốt kiểm soát dịch cửa ngõ",
            "Trực chốt kiểm soát dịch 24/24 giờ tại cầu Rạch Miễu, kiểm tra hơn 40.000 lượt "
            "phương tiện, bảo đảm “luồng xanh” vận chuyển hàng hóa thiết yếu.",
        ),
        (
            "Truy vết qua dữ liệu dân cư",
            "Khai thác Cơ sở dữ liệu quốc gia về dân cư hỗ trợ truy vết, xác minh hơn 3.000 "
            "trường hợp liên quan đến ca bệnh trong thời gian ngắn.",
        ),
        (
            "Bảo đảm an ninh, trật tự khu cách ly",
            "Bảo đảm an ninh, trật tự tại các khu cách ly tập trung và khu điều trị người bệnh "
            "COVID-19, không để xảy ra vụ việc phức tạp.",
        ),
    ),
    "border": (
        (
            "Chốt kiểm soát biên giới biển",
            "Duy trì tổ công tác tại chốt kiểm soát cửa biển, tuần tra ngăn chặn xuất, nhập cảnh "
            "trái phép; tuyên truyền biện pháp phòng dịch cho ngư dân.",
        ),
        (
            "Tuần tra vùng cửa sông",
            "Tuần tra vùng cửa sông, kiểm soát tàu cá ra vào, hướng dẫn thuyền viên khai báo y "
            "tế, không để dịch bệnh xâm nhập từ đường biển.",
        ),
    ),
    "fund": (
        (
            "Vận động ủng hộ Quỹ phòng, chống dịch",
            "Vận động cán bộ, hội viên và Nhân dân ủng hộ Quỹ phòng, chống dịch COVID-19 của tỉnh "
            "hơn 1,2 tỷ đồng cùng nhiều tấn lương thực, thực phẩm.",
        ),
    ),
    "community": (
        (
            "Tình nguyện tại điểm tiêm, khu cách ly",
            "Tình nguyện hỗ trợ khai báo y tế, vận chuyển nhu yếu phẩm, trực tại điểm tiêm vắc "
            "xin và khu cách ly tập trung.",
        ),
        (
            "Chăm lo an sinh xã hội mùa dịch",
            "Trao hơn 1.500 phần quà, túi an sinh cho hộ nghèo, hộ khó khăn bị ảnh hưởng bởi dịch "
            "COVID-19; tổ chức “ATM gạo”, “Phiên chợ 0 đồng”.",
        ),
    ),
    "digital": (
        (
            "Họp, làm việc trực tuyến",
            "Triển khai họp trực tuyến đến cấp xã, bảo đảm chỉ đạo, điều hành thông suốt trong "
            "thời gian giãn cách xã hội.",
        ),
        (
            "Tuyên truyền phòng, chống dịch",
            "Biên tập, đăng tải hơn 300 tin, bài tuyên truyền khách quan, kịp thời về tình hình "
            "dịch bệnh và các biện pháp phòng, chống.",
        ),
    ),
    "social": (
        (
            "Hỗ trợ người lao động gặp khó khăn",
            "Tham mưu triển khai kịp thời chính sách hỗ trợ người lao động và người sử dụng lao "
            "động gặp khó khăn do đại dịch COVID-19, chi trả đúng đối tượng.",
        ),
        (
            "Bảo đảm cung ứng hàng hóa thiết yếu",
            "Kết nối tiêu thụ nông sản, bảo đảm cung ứng hàng hóa thiết yếu cho Nhân dân trong "
            "thời gian giãn cách xã hội.",
        ),
    ),
    "production": (
        (
            "Duy trì sản xuất “3 tại chỗ”",
            "Sản xuất theo phương án “3 tại chỗ”, duy trì cung ứng thuốc và vật tư y tế phục vụ "
            "phòng, chống dịch.",
        ),
    ),
    "teaching": (
        (
            "Dạy học trực tuyến mùa dịch",
            "Tổ chức dạy học trực tuyến hiệu quả khi học sinh không đến trường; vận động hỗ trợ "
            "thiết bị học tập cho học sinh khó khăn.",
        ),
    ),
    "admin": (
        (
            "Tham mưu khen thưởng kịp thời",
            "Tham mưu khen thưởng kịp thời tập thể, cá nhân có thành tích xuất sắc trong phòng, "
            "chống dịch, rút ngắn thời gian xử lý hồ sơ.",
        ),
    ),
}

#: profile -> (title, description) for a collective.
COLLECTIVE_ACHIEVEMENTS: dict[str, tuple[str, str]] = {
    "hospital": (
        "Thu dung, điều trị người bệnh COVID-19",
        "Đơn vị đã tiếp nhận, điều trị hơn 1.000 người bệnh COVID-19, trong đó nhiều ca nặng; tổ "
        "chức trực 24/24 giờ, không để xảy ra lây nhiễm chéo trong cơ sở.",
    ),
    "ward": (
        "Điều trị người bệnh COVID-19 nặng",
        "Khoa đã điều trị hơn 400 người bệnh COVID-19 nặng và nguy kịch, triển khai thêm giường "
        "hồi sức, bảo đảm oxy và thuốc điều trị liên tục.",
    ),
    "police": (
        "Bảo đảm an ninh, trật tự mùa dịch",
        "Đơn vị đã lập và duy trì các chốt kiểm soát dịch, hỗ trợ truy vết qua dữ liệu dân cư, "
        "bảo đảm an ninh, trật tự tại khu cách ly tập trung.",
    ),
    "commune": (
        "Kiểm soát dịch bệnh trên địa bàn",
        "Địa phương đã khoanh vùng gọn các ổ dịch, duy trì Tổ COVID cộng đồng ở tất cả các ấp, "
        "khu phố, chăm lo kịp thời cho hộ khó khăn.",
    ),
    "department": (
        "Tham mưu phòng, chống dịch hiệu quả",
        "Cơ quan đã tham mưu kịp thời các giải pháp phòng, chống dịch và hỗ trợ người dân, doanh "
        "nghiệp thuộc lĩnh vực phụ trách.",
    ),
    "pharma": (
        "Cung ứng thuốc phục vụ phòng, chống dịch",
        "Doanh nghiệp duy trì sản xuất “3 tại chỗ”, cung ứng đủ thuốc, vật tư y tế phục vụ phòng, "
        "chống dịch và ủng hộ Quỹ phòng, chống dịch của tỉnh.",
    ),
}

HOUSEHOLD_ACHIEVEMENT = (
    "Ủng hộ Quỹ phòng, chống dịch COVID-19",
    "Hộ gia đình tự nguyện ủng hộ Quỹ phòng, chống dịch COVID-19 của tỉnh 100 triệu đồng và 5 tấn "
    "gạo cho các khu cách ly tập trung.",
)
FAST_TRACK_ACHIEVEMENT = (
    "Phát hiện sớm, dập tắt ổ dịch",
    "Phát hiện sớm ca bệnh tại cộng đồng, phối hợp khoanh vùng, lấy mẫu và cách ly kịp thời "
    "trong đêm, không để dịch bệnh lây lan.",
)
REGULAR_ACHIEVEMENT = (
    "Hoàn thành xuất sắc nhiệm vụ năm 2024",
    "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; có sáng kiến cải tiến quy trình làm việc "
    "được áp dụng tại đơn vị.",
)

# --- Registrations ------------------------------------------------------------------
#: Units that registered for Plan 2777; the others are late (reminders need them).
#: The provincial police (officer2's unit) is late too: its home page shows the to-do.
REGISTERED_UNITS = (
    HEALTH,
    "bv-nguyen-dinh-chieu",
    "cdc-ben-tre",
    "bvdkkv-cu-lao-minh",
    "ttyt-chau-thanh",
    "ca-pc06",
    "ca-pc08",
    "bchqs-tinh",
    "bdbp-tinh",
    "dbp-cua-dai",
    "mttq-tinh",
    "tinh-doan",
    "hoi-lhpn-tinh",
    "so-noi-vu",
    "phuong-an-hoi",
    "xa-phu-tuc",
    "xa-thanh-hai",
)

#: unit type -> registration targets, one a line.
REGISTRATION_TARGETS = {
    T.PUBLIC_SERVICE: (
        "Không để lây nhiễm chéo trong cơ sở khám bệnh, chữa bệnh",
        "100% viên chức, người lao động được tiêm đủ liều vắc xin COVID-19",
        "Sẵn sàng giường hồi sức cho người bệnh COVID-19 nặng",
    ),
    T.POLICE: (
        "Duy trì 100% chốt kiểm soát dịch 24/24 giờ",
        "Xác minh 100% trường hợp liên quan đến ca bệnh trong 24 giờ",
        "Không để xảy ra điểm nóng về an ninh, trật tự tại khu cách ly",
    ),
    T.MILITARY: (
        "Quản lý an toàn khu cách ly tập trung, không để lây nhiễm chéo",
        "Sẵn sàng lực lượng hỗ trợ địa phương khi có yêu cầu",
    ),
    T.BORDER_GUARD: (
        "Ngăn chặn 100% trường hợp xuất, nhập cảnh trái phép",
        "Tuyên truyền biện pháp phòng dịch đến 100% tàu cá ra vào cửa biển",
    ),
    T.COMMUNE: (
        "100% hộ gia đình được tuyên truyền biện pháp “5K”",
        "Duy trì Tổ COVID cộng đồng ở tất cả các ấp, khu phố",
        "Hỗ trợ kịp thời hộ khó khăn do dịch bệnh",
    ),
    T.FATHERLAND_FRONT: (
        "Vận động ủng hộ Quỹ phòng, chống dịch COVID-19 của tỉnh",
        "Giám sát việc chi hỗ trợ người dân gặp khó khăn do dịch bệnh",
    ),
    T.SOCIO_POLITICAL: (
        "Vận động đoàn viên, hội viên ủng hộ Quỹ phòng, chống dịch",
        "Huy động tình nguyện viên tại khu cách ly, điểm tiêm vắc xin",
    ),
    T.STATE_AGENCY: (
        "100% cán bộ, công chức thực hiện nghiêm biện pháp “5K”",
        "Chuyển sang họp, làm việc trực tuyến khi có yêu cầu giãn cách",
        "Hoàn thành đúng hạn nhiệm vụ tham mưu phòng, chống dịch",
    ),
}

# --- Accounts -----------------------------------------------------------------------
#: username -> (last name, first name, email)
ACCOUNTS = {
    "admin": ("Trần Quốc", "Bảo", "admin@example.org"),
    "staff": ("Lê Thị Thu", "Hà", "staff@example.org"),
    "officer1": ("Phạm Ngọc", "Hân", "officer1@example.org"),
    "officer2": ("Huỳnh Minh", "Tâm", "officer2@example.org"),
    # The leaders who forward their branch's dossiers to the province (trình cấp trên).
    "director1": ("Phan Thị Ngọc", "Hà", "director1@example.org"),
    "deputy2": ("Trương Văn", "Nghĩa", "deputy2@example.org"),
    "council": ("Võ Thanh", "Sơn", "council@example.org"),
    "chairman": ("Đặng Văn", "Thắng", "chairman@example.org"),
    # The other voting members of the provincial council (invented people).
    "council2": ("Nguyễn Hữu", "Phước", "council2@example.org"),
    "council3": ("Lê Thị Kim", "Loan", "council3@example.org"),
    "council4": ("Trần Công", "Danh", "council4@example.org"),
    "council5": ("Huỳnh Thị Mỹ", "Duyên", "council5@example.org"),
}
COUNCIL_NAME = "Hội đồng Thi đua – Khen thưởng tỉnh Bến Tre"
#: The council's voting members: username -> (role, position).  ``staff`` keeps its
#: sessions as the emulation office (its secretary's work).
COUNCIL_MEMBERS = {
    "council2": (CouncilRole.CHAIR, "Chủ tịch Ủy ban nhân dân tỉnh"),
    "council3": (CouncilRole.VICE_CHAIR, "Giám đốc Sở Nội vụ"),
    "council4": (CouncilRole.STANDING, "Trưởng ban Thi đua – Khen thưởng"),
    "council": (CouncilRole.MEMBER, "Chủ tịch Liên đoàn Lao động tỉnh"),
    "council5": (CouncilRole.MEMBER, "Giám đốc Sở Y tế"),
}
#: The title the council votes on (its rule: 90 % of all members, secret ballot).
COUNCIL_AWARD = "chien-si-thi-dua-cap-tinh"
#: A closed session (days before the run): Sở Y tế's people (index in the unit's list).
#: Every member votes by e-ballot but ``council5``, absent, who sends a written opinion;
#: on the second item the chair recuses and the vice-chair disagrees: it fails.
COUNCIL_CLOSED = ("Phiên họp xét danh hiệu Chiến sĩ thi đua cấp tỉnh (đợt 1)", 12, (0, 1))
#: choice per member on each item of the closed session ("recused": a conflict of interest).
COUNCIL_CLOSED_VOTES = (
    {"council2": "agree", "council3": "agree", "council4": "agree", "council": "agree"},
    {"council2": "recused", "council3": "disagree", "council4": "agree", "council": "agree"},
)
COUNCIL_WRITTEN = ("council5", ("agree", "agree"))
#: The open session: ``council`` has these items to vote on (window open around the run).
COUNCIL_OPEN = ("Phiên họp xét danh hiệu Chiến sĩ thi đua cấp tỉnh (đợt 2)", 3, (2, 3))
COUNCIL_PLACE = "Phòng họp số 1, Văn phòng UBND tỉnh Bến Tre"
COUNCIL_ACHIEVEMENT = (
    "Chiến sĩ thi đua cơ sở ba năm liền, có sáng kiến được áp dụng cấp tỉnh",
    "Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở; sáng kiến tổ chức điểm tiêm vắc xin "
    "lưu động được Hội đồng sáng kiến tỉnh công nhận và áp dụng trên toàn tỉnh.",
)

# --- Plan 2777 ----------------------------------------------------------------------
COVID_TITLE = "Phong trào thi đua thực hiện công tác phòng, chống dịch COVID-19"
# The seed gives no issue date; 10 June 2021 is a plausible one (the plan preceded
# the province's large outbreak of July 2021).  Demo value, not a fact.
COVID_ISSUE_DATE = datetime.date(2021, 6, 10)
COVID_END_CONDITION = "Đến khi hết dịch bệnh theo công bố của Chính phủ"
COVID_SLOGAN = (
    "“Chống dịch như chống giặc”\n"
    "“Chủ động ngăn chặn - Phát hiện sớm - Cách ly kịp thời - Khoanh vùng gọn - Dập dịch triệt để"
    " - Điều trị khỏi bệnh - Nhanh chóng ổn định tình hình”"
)
COVID_PURPOSE = (
    "Phát huy vai trò lãnh đạo của cấp ủy Đảng, sự chỉ đạo, điều hành của chính quyền, vai trò, "
    "trách nhiệm của cán bộ, công chức, viên chức, người lao động và Nhân dân đối với công tác "
    "phòng, chống dịch đang được triển khai rộng khắp trong toàn tỉnh với tinh thần “Chống dịch "
    "như chống giặc”.\n\n"
    "Đẩy mạnh các phong trào thi đua yêu nước để thực hiện tốt mục tiêu kép: đẩy lùi dịch bệnh, "
    "bảo vệ sức khỏe người dân, phát triển kinh tế - xã hội. Động viên cả hệ thống chính trị và "
    "người dân phát huy tính năng động, sáng tạo, cùng chung sức, đồng lòng vượt qua mọi khó khăn, "
    "thách thức thi đua hoàn thành xuất sắc công tác phòng, chống dịch. Kịp thời phát hiện những "
    "tập thể, cá nhân tiêu biểu, xuất sắc, những sáng kiến, kinh nghiệm hay để biểu dương, khen "
    "thưởng, nhân rộng điển hình trong phong trào thi đua.\n\n"
    "Phong trào thi đua phải được triển khai sâu rộng với nội dung, hình thức phong phú, hiệu quả, "
    "có mục tiêu, chỉ tiêu rõ ràng, cụ thể phù hợp với các quy định hiện hành, gắn với việc thực "
    "hiện nhiệm vụ chính trị của từng cơ quan, đơn vị, địa phương. Các cơ quan, đơn vị, địa phương "
    "chủ động biểu dương, khen thưởng bằng các hình thức thuộc thẩm quyền như giấy khen, thư khen, "
    "thưởng nóng. Tổ chức trao thưởng ngay sau khi tập thể, cá nhân lập thành tích để động viên, "
    "khích lệ kịp thời."
)
COVID_CONTENT = (
    "Tiếp tục thực hiện có hiệu quả các văn bản chỉ đạo của Trung ương, Ban Thường vụ Tỉnh ủy, "
    "UBND tỉnh và sự chỉ đạo, điều hành thống nhất của Ban Chỉ đạo tỉnh về phòng, chống dịch "
    "COVID-19.\n\n"
    "Tăng cường tuyên truyền khách quan, trung thực, tích cực, kịp thời về công tác phòng chống "
    "dịch: tình hình dịch bệnh, các kết quả, biện pháp đã xử lý, dự báo tình hình dịch bệnh, các "
    "biện pháp ứng phó, kêu gọi, hướng dẫn người dân tự giác, chủ động thực hiện các biện pháp "
    "phòng, chống.\n\n"
    "Vận động cán bộ, công chức, viên chức, người lao động, đoàn viên, hội viên và người dân chủ "
    "động tham gia các công trình, phần việc phòng, chống dịch phù hợp với hoàn cảnh, điều kiện "
    "công tác, lao động, sản xuất; đảm bảo phản ứng nhanh, kịp thời, hành động đúng. Tuyệt đối "
    "không lơ là, chủ quan, mất cảnh giác, không để dịch bệnh lây lan thiếu kiểm soát.\n\n"
    "Tích cực đổi mới, cải tiến cách làm việc nhằm thích ứng với bối cảnh phòng chống dịch. Tăng "
    "cường ứng dụng công nghệ thông tin, các hoạt động trực tuyến trong chỉ đạo, điều hành, làm "
    "việc, học tập, thực hiện thủ tục hành chính. Vận động các nhà hảo tâm, mạnh thường quân hỗ "
    "trợ các nguồn lực phục vụ công tác phòng, chống dịch, thực hiện tốt công tác an sinh xã hội."
)
COVID_AWARD_CODES = (
    "giay-khen",
    "bang-khen-chu-tich-ubnd-tinh",
    "thu-khen",
    "tap-the-lao-dong-xuat-sac",
    "chien-si-thi-dua-co-so",
    "chien-si-thi-dua-cap-tinh",  # voted by the provincial council
    "bang-khen-thu-tuong",  # proposed to the Prime Minister through the province
)

#: The staff launch the plan two days after it is issued (the launch letter's date).
COVID_LAUNCH_DATE = datetime.date(2021, 6, 12)
COVID_LAUNCH_SYMBOL = "UBND-TĐKT"


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    name: str
    measure: str
    money: bool = False


#: Plan 2777's measurable indicators (chỉ tiêu), in the order of the staff's list.
COVID_INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("vaccinated", "Số người được tiêm vắc xin COVID-19", "người"),
    IndicatorSpec("tests", "Số lượt xét nghiệm SARS-CoV-2", "lượt xét nghiệm"),
    IndicatorSpec(
        "donations",
        "Tiền, hàng vận động từ nhà hảo tâm, mạnh thường quân (quy ra tiền)",
        "đồng",
        money=True,
    ),
    IndicatorSpec("works", "Công trình, phần việc phòng, chống dịch", "công trình"),
    IndicatorSpec("initiatives", "Sáng kiến, cách làm hay được áp dụng", "sáng kiến"),
)

#: unit type -> indicator key -> target a unit of that type registers, before its scale.
INDICATOR_TARGETS = {
    T.PUBLIC_SERVICE: {"vaccinated": 12_000, "tests": 30_000, "works": 4, "initiatives": 2},
    T.STATE_AGENCY: {"donations": 150_000_000, "works": 3, "initiatives": 2},
    T.POLICE: {"works": 6, "initiatives": 2},
    T.MILITARY: {"works": 5, "initiatives": 1},
    T.BORDER_GUARD: {"works": 4, "initiatives": 1},
    T.COMMUNE: {"vaccinated": 8_000, "donations": 300_000_000, "works": 5},
    T.FATHERLAND_FRONT: {"donations": 2_500_000_000, "works": 3},
    T.SOCIO_POLITICAL: {"donations": 500_000_000, "works": 8, "initiatives": 1},
}


@dataclass(frozen=True)
class RoundSpec:
    title: str
    kind: str
    #: what share of its targets each reporting unit reached in the round
    share: float
    #: (unit code, username of who reports) in the order the reports came in
    reports: tuple[tuple[str, str], ...]
    #: fixed dates for a past round; ``None``: relative to the day of the run
    period: tuple[datetime.date, datetime.date] | None = None
    due: datetime.date | None = None
    #: the day the reports were written, and the day the staff locked the round
    reported_on: datetime.date | None = None
    locked_on: datetime.date | None = None


_HEALTH_REPORTS = (
    (HEALTH, "officer1"),
    ("cdc-ben-tre", "officer1"),
    ("bv-nguyen-dinh-chieu", "officer1"),
    ("bvdkkv-cu-lao-minh", "officer1"),
    ("ttyt-chau-thanh", "officer1"),
)
_POLICE_DIVISIONS = (("ca-pc06", "officer2"), ("ca-pc08", "officer2"), ("ca-pc02", "officer2"))
#: Two reporting rounds of Plan 2777: the second half of 2021, reported and locked; and an
#: ad hoc round open on the day of the run (due in five days, so the rule's first reminder
#: goes out), in which Công an tỉnh itself has not reported yet while its divisions have.
ROUNDS: tuple[RoundSpec, ...] = (
    RoundSpec(
        "6 tháng cuối năm 2021",
        RoundKind.HALF_YEAR,
        0.55,
        (*_HEALTH_REPORTS, (POLICE, "officer2"), *_POLICE_DIVISIONS, ("xa-phu-tuc", "chairman")),
        period=(datetime.date(2021, 7, 1), datetime.date(2021, 12, 31)),
        due=datetime.date(2022, 1, 10),
        reported_on=datetime.date(2022, 1, 6),
        locked_on=datetime.date(2022, 1, 12),
    ),
    RoundSpec(
        "Báo cáo đột xuất: tiêm chủng, xét nghiệm và vận động nguồn lực",
        RoundKind.AD_HOC,
        0.3,
        (*_HEALTH_REPORTS, *_POLICE_DIVISIONS, ("xa-phu-tuc", "chairman")),
    ),
)
#: The sơ kết of Plan 2777: its period (from the plan to the end of 2021) and the report's
#: date.
COVID_REVIEW = (COVID_ISSUE_DATE, datetime.date(2021, 12, 31), datetime.date(2022, 1, 14))
#: The open round: its period began this many days before the run and is due after it.
OPEN_ROUND_STARTED = 45
OPEN_ROUND_DUE = 5
ROUND_NARRATIVE = (
    "Đơn vị tiếp tục triển khai nghiêm các biện pháp phòng, chống dịch COVID-19; phối hợp tổ "
    "chức tiêm vắc xin, xét nghiệm tầm soát và vận động nhà hảo tâm, mạnh thường quân hỗ trợ "
    "nguồn lực. Khó khăn: nhân lực mỏng khi số ca bệnh tăng. Kiến nghị: bổ sung sinh phẩm xét "
    "nghiệm."
)

# A second, closed campaign for variety.  The plan number is invented.
REGULAR_TITLE = "Phong trào thi đua yêu nước năm 2024"
REGULAR_PLAN_NUMBER = "125"
REGULAR_ISSUE_DATE = datetime.date(2024, 1, 22)
REGULAR_AWARD_CODES = (
    "chien-si-thi-dua-co-so",
    "chien-si-thi-dua-cap-tinh",
    "lao-dong-tien-tien",
    "chien-si-tien-tien",
    "tap-the-lao-dong-tien-tien",
    "tap-the-lao-dong-xuat-sac",
    "co-thi-dua-cap-tinh",
    "giay-khen",
    "bang-khen-chu-tich-ubnd-tinh",
)
REGULAR_LAUNCH_DATE = datetime.date(2024, 1, 25)
#: The decision that closed the 2024 campaign (invented number).
REGULAR_CLOSING = ("58/QĐ-UBND", datetime.date(2025, 1, 20))

# --- The issued decision --------------------------------------------------------------
DECISION_YEAR = 2021
DECISION_NUMBER = 1234
DECISION_SIGNED = datetime.date(2021, 9, 15)
DECISION_SIGNER = "Trần Minh Hiển"  # invented: not a real office holder


@dataclass(frozen=True)
class SignerSpec:
    unit: str  # code of a unit in UNITS
    full_name: str
    position: str
    kind: str = SignerKind.HEAD


#: Who signs the issuing units' documents (invented names, like every person here), in
#: force from this day on.
SIGNERS_FROM = datetime.date(2021, 1, 1)
SIGNERS: tuple[SignerSpec, ...] = (
    SignerSpec(ROOT, "Lê Văn Thạnh", "CHỦ TỊCH"),
    SignerSpec(ROOT, DECISION_SIGNER, "PHÓ CHỦ TỊCH", SignerKind.DEPUTY),
    SignerSpec(HEALTH, "Phan Thị Ngọc Hà", "GIÁM ĐỐC"),
    SignerSpec(HEALTH, "Võ Hoàng Khải", "PHÓ GIÁM ĐỐC", SignerKind.DEPUTY),
    SignerSpec("bv-nguyen-dinh-chieu", "Huỳnh Văn Lộc", "GIÁM ĐỐC"),
    SignerSpec("xa-phu-tuc", "Đặng Văn Thắng", "CHỦ TỊCH"),
)
DECISION_CITATION = "Đã có thành tích xuất sắc trong phong trào thi đua phòng, chống dịch COVID-19"
#: The province had issued 1,233 decisions in 2021 before this one, and its golden
#: register had reached 1,500: the numbering services go on from there.
GOLDEN_REGISTER_START = 1501
#: The legal basis of a 2021 decision: the Law on Emulation and Commendation of 2003
#: (amended 2005 and 2013) and Decree 91/2017, not the 2022 Law and its decrees.
DECISION_LEGAL_BASIS = "\n".join(
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015, sửa đổi, bổ sung năm 2019;",
        "Căn cứ Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và năm 2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;",
        f"Căn cứ Kế hoạch số 2777/KH-UBND ngày {COVID_ISSUE_DATE.day:02d} tháng "
        f"{COVID_ISSUE_DATE.month} năm {COVID_ISSUE_DATE.year} của Ủy ban nhân dân tỉnh về "
        "phát động phong trào thi đua thực hiện công tác phòng, chống dịch COVID-19;",
        "Xét đề nghị của Giám đốc Sở Nội vụ.",
    ]
)


# --- Unit decisions: every unit awards within its own authority --------------------------
COMMUNE = "xa-phu-tuc"
DIRECTOR = "Phan Thị Ngọc Hà"  # Sở Y tế's director (its head signer)
CHAIRMAN = "Đặng Văn Thắng"  # Xã Phú Túc's chairman (its head signer)
#: username -> (unit code, full name of the unit's signer the account belongs to): the
#: heads of their units (OfficerMembership role HEAD), who issue the unit's decisions.
LEADERS = {"director1": (HEALTH, DIRECTOR), "chairman": (COMMUNE, CHAIRMAN)}


def legal_basis_2021(own_basis: str, proposer: str) -> str:
    """A unit's 2021 decision rests on the 2003 Law and Decree 91/2017, like the province's."""
    return "\n".join(
        [
            own_basis,
            "Căn cứ Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và năm 2013;",
            "Căn cứ Nghị định số 91/2017/NĐ-CP của Chính phủ quy định chi tiết thi hành một số "
            "điều của Luật Thi đua, khen thưởng;",
            f"Căn cứ Kế hoạch số 2777/KH-UBND ngày {COVID_ISSUE_DATE.day:02d} tháng "
            f"{COVID_ISSUE_DATE.month} năm {COVID_ISSUE_DATE.year} của Ủy ban nhân dân tỉnh về "
            "phát động phong trào thi đua thực hiện công tác phòng, chống dịch COVID-19;",
            proposer,
        ]
    )


@dataclass(frozen=True)
class UnitDecisionSpec:
    """A giấy khen decision a unit issued for its own people in 2021 (invented number).

    ``subjects``: (unit code, index among its people), nominated by ``nominated_by``
    (a username; the unit's officer, or its head when it has no officer account),
    reviewed and approved in the unit's name by its head, who signs and issues."""

    issuer: str
    number: int
    signed: datetime.date
    signer: str
    head: str  # username of the head who reviews, approves and issues
    nominated_by: str
    subjects: tuple[tuple[str, int], ...]
    achievement: tuple[str, str]
    citation: str
    legal_basis: str
    #: (day, hour, place, presented by) of the award ceremony, or None
    ceremony: tuple | None = None


UNIT_DECISIONS: tuple[UnitDecisionSpec, ...] = (
    UnitDecisionSpec(
        HEALTH,
        312,
        datetime.date(2021, 10, 8),
        DIRECTOR,
        "director1",
        "officer1",
        (
            ("bv-nguyen-dinh-chieu", 6),
            ("bvndc-khoa-hoi-suc", 5),
            ("bvdkkv-cu-lao-minh", 6),
            ("ttyt-chau-thanh", 4),
        ),
        (
            "Trực khu điều trị người bệnh COVID-19",
            "Tình nguyện trực liên tục tại khu điều trị người bệnh COVID-19 trong đợt dịch thứ "
            "tư, chăm sóc người bệnh nặng, không để xảy ra sai sót chuyên môn.",
        ),
        "Đã có thành tích xuất sắc trong công tác điều trị người bệnh COVID-19",
        legal_basis_2021(
            "Căn cứ Quyết định của Ủy ban nhân dân tỉnh Bến Tre quy định chức năng, nhiệm vụ, "
            "quyền hạn và cơ cấu tổ chức của Sở Y tế;",
            "Xét đề nghị của Trưởng phòng Tổ chức cán bộ Sở Y tế.",
        ),
        ceremony=(
            datetime.date(2021, 10, 12),
            8,
            "Hội trường Sở Y tế tỉnh Bến Tre",
            f"Bà {DIRECTOR}, Giám đốc Sở Y tế",
        ),
    ),
    UnitDecisionSpec(
        COMMUNE,
        57,
        datetime.date(2021, 10, 1),
        CHAIRMAN,
        "chairman",
        "chairman",  # the commune has no officer account: its chairman enters the dossiers
        ((COMMUNE, 4), (COMMUNE, 5)),  # volunteers of its community COVID team
        (
            "Tổ COVID cộng đồng tiêu biểu",
            "Tham gia Tổ COVID cộng đồng của ấp, tuyên truyền biện pháp “5K”, hỗ trợ người dân "
            "cách ly tại nhà và chăm lo hộ khó khăn trong thời gian giãn cách xã hội.",
        ),
        "Đã có thành tích xuất sắc trong hoạt động của Tổ COVID cộng đồng",
        legal_basis_2021(
            "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015, sửa đổi, bổ sung năm 2019;",
            "Xét đề nghị của công chức Văn hóa – Xã hội xã.",
        ),
    ),
)

# --- The dossier forwarded to the central level -----------------------------------------
#: Nominations of Bằng khen của Thủ tướng Chính phủ the province forwarded, with whether
#: the Prime Minister's decision awarded them (None: still waiting).
CENTRAL_AWARD = "bang-khen-thu-tuong"
CENTRAL_NOMINATIONS = (
    (("ind", "cdc-ben-tre", 2), True),  # Nguyễn Văn An: awarded
    (("unit", "bv-nguyen-dinh-chieu"), None),
)
CENTRAL_ACHIEVEMENT = (
    "Thành tích đặc biệt xuất sắc trong phòng, chống dịch COVID-19",
    "Trực tiếp tham gia truy vết, xét nghiệm và điều trị trong đợt dịch thứ tư; đề xuất nhiều "
    "giải pháp được áp dụng trong toàn tỉnh, góp phần sớm kiểm soát dịch bệnh.",
)
CENTRAL_NUMBER = 245  # the province's tờ trình of 2021 (invented number)
CENTRAL_LETTER_DATE = datetime.date(2021, 10, 20)
#: The Prime Minister's decision (invented number, like every document here).
CENTRAL_DECISION = ("156/QĐ-TTg", datetime.date(2022, 1, 14), "Thủ tướng Chính phủ")
CENTRAL_RECORDED = datetime.date(2022, 1, 25)
