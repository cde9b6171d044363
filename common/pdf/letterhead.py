"""The lines of the official format (Decree 30/2020/NĐ-CP) that every document
of an issuing body prints: the heading at the top left, the place and date
line, the title of the body's head.  ``letterhead()`` gathers them for the
partial ``common/pdf/_letterhead.html``.

A unit here is anything with ``name``, ``issuer_name``, ``letterhead_parent``,
``head_title`` and ``place_name`` (and, for the snapshot, ``level``): this
module knows no app's models and guesses nothing from names; what a unit's
documents print is data on the unit.  The one rule of form it applies: a
people's committee ("ỦY BAN NHÂN DÂN TỈNH BẾN TRE") prints its name as two bold
lines, "ỦY BAN NHÂN DÂN" above "TỈNH BẾN TRE".

``issuer_snapshot()`` freezes those lines in a plain dict, which an issued
document keeps (a unit renamed or merged later does not change it);
``letterhead()`` and the builders of the apps read that dict.  Everything
returned is a string or a plain dict, in Unicode NFC.
"""

from common.text import nfc

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
#: The head's title of a unit that has none recorded.
GENERIC_HEAD = "THỦ TRƯỞNG"


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
    lines in bold; another body prints its parent's line (``letterhead_parent``,
    none when blank) in regular type.
    """
    name = issuer_name(unit)
    if name.startswith(PEOPLES_COMMITTEE + " "):
        return {
            "parent": PEOPLES_COMMITTEE,
            "name": name[len(PEOPLES_COMMITTEE) + 1 :],
            "parent_bold": True,
        }
    return {"parent": nfc(unit.letterhead_parent or "").upper(), "name": name, "parent_bold": False}


def head_of(unit) -> str:
    """The title of the unit's head, in capitals: "CHỦ TỊCH", "GIÁM ĐỐC"."""
    return nfc(unit.head_title or "").strip().upper() or GENERIC_HEAD


def head_title(unit) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE", "GIÁM ĐỐC SỞ Y TẾ"."""
    return f"{head_of(unit)} {issuer_name(unit)}"


def head_title_in_text(unit) -> str:
    """ "Chủ tịch Ủy ban nhân dân tỉnh Bến Tre", as a sentence writes it."""
    return f"{head_of(unit).capitalize()} {nfc(unit.name)}"


def collective_name(unit) -> str:
    """The body a collective signs for ("TM. ỦY BAN NHÂN DÂN"): a people's committee
    signs as "ỦY BAN NHÂN DÂN", another body under its issuer name."""
    name = issuer_name(unit)
    return PEOPLES_COMMITTEE if name.startswith(PEOPLES_COMMITTEE) else name


def issuer_snapshot(unit) -> dict:
    """What documents print of their issuer, as it is now: kept by an issued document.

    ``name`` is the unit's name as a sentence writes it, ``issuer_name`` the
    capitalised one, ``heading`` the lines of :func:`issuer_heading`,
    ``head_title`` the head's title alone, ``authority`` and
    ``authority_in_text`` the head's title with the body's name, ``place`` the
    place name of the date line, ``level`` the unit's level.
    """
    return {
        "name": nfc(unit.name),
        "issuer_name": issuer_name(unit),
        "heading": issuer_heading(unit),
        "head_title": head_of(unit),
        "authority": head_title(unit),
        "authority_in_text": head_title_in_text(unit),
        "place": nfc(unit.place_name or ""),
        "level": getattr(unit, "level", ""),
    }


def letterhead(issuer: dict, *, number: str, place: str, day, summary: str = "") -> dict:
    """What ``common/pdf/_letterhead.html`` prints: the issuer heading and the
    number ("Số: 123/QĐ-UBND") on the left, under them the summary of a letter
    ("V/v …", empty for a decision); the national title and motto on the right,
    under them the place and date line.  ``issuer`` is an :func:`issuer_snapshot`."""
    return {
        "issuer": dict(issuer["heading"]),
        "number": number,
        "summary": summary,
        "place_date": place_date_line(nfc(place), day),
    }
