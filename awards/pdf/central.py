"""What a central submission's documents print: the tờ trình (Decree 30 format, the
template ``awards/pdf/central_letter.html``) and the rows of its list, shared by the
PDF and the Excel file of the package.

Built from the models in the task's process; every builder returns strings and plain
dicts, in Unicode NFC.  The letterhead and the place and date line come from
``common.pdf.letterhead``.
"""

import datetime

from django.template.loader import render_to_string

from common.pdf.letterhead import issuer_snapshot, letterhead, short_date
from common.pdf.stylesheet import official_css
from common.text import nfc
from units.enums import UnitLevel

from ..enums import CentralAddressee

LAW_ON_EMULATION = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE_ON_EMULATION = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều "
    "của Luật Thi đua, khen thưởng;"
)
#: Who forwards the dossiers to the Prime Minister or the President.
CENTRAL_BOARD = "Ban Thi đua – Khen thưởng Trung ương"


def letter_css() -> str:
    return official_css("awards/pdf/central.css")


def position_and_unit(nomination) -> str:
    """ "Điều dưỡng, Khoa Hồi sức, Bệnh viện …" for a person; for a collective the unit
    it belongs to (not the province itself)."""
    if nomination.unit_id:
        parent = nomination.unit.parent
        if parent is None or parent.level == UnitLevel.PROVINCE:
            return ""
        return nfc(parent.name)
    individual = nomination.individual
    own = individual.unit
    parts = [individual.position, own.name]
    parent = own.parent
    if parent is not None and own.level == UnitLevel.BASE and parent.level == UnitLevel.BASE:
        parts.append(parent.name)
    return nfc(", ".join(part for part in parts if part))


def list_rows(lines) -> list[dict]:
    """One dict per line: what the tờ trình's list and the Excel file show."""
    rows = []
    for number, line in enumerate(lines, 1):
        nomination = line.nomination
        individual = nomination.individual
        rows.append(
            {
                "number": number,
                "is_collective": bool(nomination.unit_id),
                "name": nfc(nomination.subject_name),
                "subject_type": str(nomination.get_subject_type_label()),
                "gender": str(individual.get_gender_display()) if individual else "",
                "birth_year": (
                    str(individual.date_of_birth.year)
                    if individual and individual.date_of_birth
                    else ""
                ),
                "position": position_and_unit(nomination),
                "award": nfc(nomination.award_type.name),
                "summary": nfc(" ".join(nomination.summary.split())),
                "nominating_unit": nfc(nomination.nominating_unit.name),
                "outcome": str(line.get_outcome_display()),
            }
        )
    return rows


def _count(rows) -> str:
    collectives = sum(1 for row in rows if row["is_collective"])
    others = len(rows) - collectives
    parts = [f"{n} {label}" for n, label in ((collectives, "tập thể"), (others, "cá nhân")) if n]
    return " và ".join(parts) or "0 cá nhân"


def letter_context(submission, lines, *, day: datetime.date) -> dict:
    """The tờ trình of ``submission`` carrying ``lines``, dated ``day`` (its letter date
    once sent; a draft prints today's date and a blank number)."""
    issuer = submission.issuer
    heading = issuer_snapshot(issuer)
    addressee = nfc(str(CentralAddressee(submission.addressee).label))
    rows = list_rows(lines)
    awards = list(dict.fromkeys(row["award"] for row in rows))
    number = submission.reference or f"      /{submission.symbol}"
    body = [line.strip() for line in submission.body.splitlines() if line.strip()]
    if not body:
        body = [
            f"{nfc(issuer.name)} kính trình {addressee} xem xét, quyết định tặng "
            f"{', '.join(awards) or 'hình thức khen thưởng'} cho {_count(rows)} đã có thành "
            "tích xuất sắc, đủ điều kiện, tiêu chuẩn theo quy định (có danh sách và hồ sơ "
            "kèm theo)."
        ]
    return {
        "letterhead": letterhead(heading, number=f"Số: {number}", place=submission.place, day=day),
        "reference": submission.reference,
        "short_date": short_date(day),
        "subject": nfc(submission.subject),
        "addressee": addressee,
        "board": CENTRAL_BOARD,
        "basis": [LAW_ON_EMULATION, DECREE_ON_EMULATION],
        "body": [nfc(paragraph) for paragraph in body],
        "closing": f"{nfc(issuer.name)} kính trình {addressee} xem xét, quyết định./.",
        "distribution": ["- Như trên;", f"- {CENTRAL_BOARD};", "- Lưu: VT."],
        "signer_lines": [
            nfc(line).upper()
            for line in (
                submission.signer_authority,
                submission.signer_capacity,
                submission.signer_title,
            )
            if line
        ],
        "signer_name": nfc(submission.signer_name),
        "authority": heading["authority"],
        "rows": rows,
        "count": len(rows),
    }


def letter_html(submission, lines, *, day) -> str:
    return render_to_string(
        "awards/pdf/central_letter.html", {"t": letter_context(submission, lines, day=day)}
    )
