"""What the units tests share: a staff list's header and rows, as the template has them."""

HEADER = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Số CCCD",
    "Đối tượng",
    "Chức vụ",
    "Lãnh đạo, quản lý",
]


def staff_row(index, name, born="12/03/1985", number=None, position="Chuyên viên", **more):
    """One row of the staff list (index, name, gender, birth, ID, category, position, leader)."""
    return [
        index,
        name,
        more.get("gender", "Nam"),
        born,
        number,
        more.get("category", "Công chức"),
        position,
        more.get("leader", "Không"),
    ]
