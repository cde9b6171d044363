"""The lines of the official format (Decree 30/2020/NĐ-CP) that every document
of an issuing body prints: the heading at the top left, the place and date
line, the title of the body's head.  ``letterhead()`` gathers them for the
partial ``common/pdf/_letterhead.html``.

A unit here is anything with ``name``, ``issuer_name`` and ``parent`` (a unit
or ``None``): this module knows no app's models.  Everything returned is a
string or a plain dict, in Unicode NFC.
"""

from common.text import nfc

#: Title of the head of an issuing body, by the start of its name on documents.
HEAD_TITLES = (
    ("ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("VĂN PHÒNG", "CHÁNH VĂN PHÒNG"),
    ("SỞ ", "GIÁM ĐỐC"),
    ("BỆNH VIỆN", "GIÁM ĐỐC"),
    ("TRUNG TÂM", "GIÁM ĐỐC"),
    ("CÔNG AN", "GIÁM ĐỐC"),
    ("TRƯỜNG", "HIỆU TRƯỞNG"),
    ("BAN ", "TRƯỞNG BAN"),
)
PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"


def _day(day) -> str:
    return f"{day.day:02d}"


def _month(day) -> str:
    """Months 1 and 2 are zero-padded (Decree 30/2020), the others are not."""
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def place_date_line(place: str, day) -> str:
    """ "Bến Tre, ngày 05 tháng 02 năm 2021"."""
    return f"{place}, ngày {_day(day)} tháng {_month(day)} năm {day.year}"


def short_date(day) -> str:
    """ "15/9/2021", "05/02/2021": the same padding as the place and date line."""
    return f"{_day(day)}/{_month(day)}/{day.year}"


def issuer_name(unit) -> str:
    """The name a unit issues documents under, in capitals: "SỞ Y TẾ"."""
    return nfc(unit.issuer_name or unit.name).upper()


def issuer_heading(unit) -> dict:
    """The two lines at the top left: "ỦY BAN NHÂN DÂN" / "TỈNH BẾN TRE", or the
    parent body above the issuer: "UBND TỈNH BẾN TRE" / "SỞ Y TẾ".

    ``{"parent", "name", "parent_bold"}``: a people's committee prints both
    lines in bold; another body prints its parent's line in regular type.
    """
    name = issuer_name(unit)
    if name.startswith(PEOPLES_COMMITTEE + " "):
        return {
            "parent": PEOPLES_COMMITTEE,
            "name": name[len(PEOPLES_COMMITTEE) + 1 :],
            "parent_bold": True,
        }
    parent = issuer_name(unit.parent).replace(PEOPLES_COMMITTEE, "UBND") if unit.parent else ""
    return {"parent": parent, "name": name, "parent_bold": False}


def _head(unit) -> str:
    name = issuer_name(unit)
    return next((title for prefix, title in HEAD_TITLES if name.startswith(prefix)), "THỦ TRƯỞNG")


def head_title(unit) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE", "GIÁM ĐỐC SỞ Y TẾ"."""
    return f"{_head(unit)} {issuer_name(unit)}"


def head_title_in_text(unit) -> str:
    """ "Chủ tịch Ủy ban nhân dân tỉnh Bến Tre", as a sentence writes it."""
    return f"{_head(unit).capitalize()} {nfc(unit.name)}"


def letterhead(issuer, *, number: str, place: str, day, summary: str = "") -> dict:
    """What ``common/pdf/_letterhead.html`` prints: the issuer heading and the
    number ("Số: 123/QĐ-UBND") on the left, under them the summary of a letter
    ("V/v …", empty for a decision); the national title and motto on the right,
    under them the place and date line."""
    return {
        "issuer": issuer_heading(issuer),
        "number": number,
        "summary": summary,
        "place_date": place_date_line(nfc(place), day),
    }
