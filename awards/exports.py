"""The Excel files of the awards pages, as ``common.excel.export`` sheets.

* :func:`statistics_sheets`: the statistics page's tables, one sheet each (or the
  one table asked for), with the same rows as the page and a total row;
* :func:`queue_sheet`: every row of the review queue that its filters match, in
  the queue's order, read in chunks and written as it is read;
* :func:`decision_sheet`: a decision's list (danh sách kèm theo quyết định).

The layouts follow the lists offices keep: STT first, Vietnamese headers, the
title and the reference above the table.  The callers pass rows they may show
(``selectors``); nothing here asks who the user is.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from common.excel.export import DECIMAL, INTEGER, MONEY, Column, Sheet
from common.pdf.letterhead import short_date

from .enums import NominationState, SubjectType

#: The review queue's export reads its rows this many at a time.
QUEUE_CHUNK = 2000


def _filters_line(stats, campaign=None) -> str:
    parts = []
    if campaign is not None:
        parts.append(_("Phong trào: %(title)s") % {"title": campaign.title})
    if stats.root is not None:
        parts.append(_("Đơn vị: %(unit)s (gồm đơn vị trực thuộc)") % {"unit": stats.root.name})
    if stats.date_from or stats.date_to:
        parts.append(
            _("Thời gian: %(start)s – %(end)s")
            % {
                "start": short_date(stats.date_from) if stats.date_from else "…",
                "end": short_date(stats.date_to) if stats.date_to else "…",
            }
        )
    parts.append(_("Số liệu ngày %(day)s") % {"day": short_date(timezone.localdate())})
    return "; ".join(parts)


def _table_sheet(table, caption_line) -> Sheet:
    columns = [
        Column(_("STT"), 6, INTEGER),
        Column(table.label_header, 45),
        Column(_("Số hồ sơ đề nghị"), 14, INTEGER),
        Column(_("Số được khen thưởng"), 14, INTEGER),
        Column(_("Tỷ lệ khen thưởng (%)"), 14, DECIMAL),
        Column(_("Tiền thưởng (đồng)"), 18, MONEY),
    ]

    def rate(row):
        return row.rate if table.shows_rate else None

    rows = [
        [number, row.label, row.proposed, row.awarded, rate(row), row.amount]
        for number, row in enumerate(table.rows, 1)
    ]
    total = table.total
    rows.append(["", total.label, total.proposed, total.awarded, rate(total), total.amount])
    caption = [_("THỐNG KÊ KHEN THƯỞNG – %(title)s") % {"title": table.title.upper()}, caption_line]
    if table.note:
        caption.append(table.note)
    return Sheet(table.title, columns, rows, caption=caption)


def _delay_sheet(stats, caption_line) -> Sheet:
    columns = [
        Column(_("STT"), 6, INTEGER),
        Column(_("Nhóm"), 40),
        Column(_("Số trường hợp"), 14, INTEGER),
        Column(_("Trung bình (ngày)"), 14, DECIMAL),
        Column(_("Trung vị (ngày)"), 14, DECIMAL),
        Column(_("Nhanh nhất (ngày)"), 14, INTEGER),
        Column(_("Lâu nhất (ngày)"), 14, INTEGER),
    ]
    rows = [
        [n, d.label, d.count, d.average, d.median, d.shortest, d.longest]
        for n, d in enumerate(stats.delays, 1)
    ]
    caption = [
        _("THỐNG KÊ KHEN THƯỞNG – THỜI GIAN TỪ KHI LẬP THÀNH TÍCH ĐẾN KHI ĐƯỢC KHEN"),
        caption_line,
        _("Tính từ ngày lập thành tích sớm nhất của hồ sơ đến ngày quyết định khen thưởng."),
    ]
    return Sheet(_("Thời gian đến khi khen"), columns, rows, caption=caption)


def statistics_sheets(stats, key=None, *, campaign=None) -> list[Sheet]:
    """The sheets of the statistics tables: all of them, or the one named ``key``
    (``statistics.TABLES``); an unknown key gives none."""
    line = _filters_line(stats, campaign)
    sheets = [(table.key, _table_sheet(table, line)) for table in stats.tables]
    sheets.append(("time_to_award", _delay_sheet(stats, line)))
    return [sheet for name, sheet in sheets if key in (None, name)]


# --- The review queue ---------------------------------------------------------------------

#: The queue's columns, and the values read for them.
QUEUE_FIELDS = (
    "individual__full_name",
    "individual__is_household",
    "individual__position",
    "individual__unit__name",
    "unit__name",
    "unit__parent__name",
    "nominating_unit__name",
    "campaign__title",
    "award_type__name",
    "is_fast_track",
    "achieved_on",
    "submitted_at",
    "state",
    "reviewing_unit__name",
    "awarded_on",
    "award_amount",
)


def queue_rows(queryset):
    """The queue's rows as lists of cell values, read ``QUEUE_CHUNK`` at a time."""
    states = {value: str(label) for value, label in NominationState.choices}
    subject_types = {value: str(label) for value, label in SubjectType.choices}
    province = _("Cấp tỉnh")
    waiting = (NominationState.SUBMITTED, NominationState.IN_REVIEW)
    rows = queryset.values(*QUEUE_FIELDS).iterator(chunk_size=QUEUE_CHUNK)
    for number, values in enumerate(rows, 1):
        collective = values["unit__name"] is not None
        state = values["state"]
        where = ""
        if state in waiting:
            where = values["reviewing_unit__name"] or province
        if collective:
            subject_type = subject_types[SubjectType.COLLECTIVE]
        elif values["individual__is_household"]:
            subject_type = subject_types[SubjectType.HOUSEHOLD]
        else:
            subject_type = subject_types[SubjectType.INDIVIDUAL]
        yield [
            number,
            values["unit__name"] if collective else values["individual__full_name"],
            subject_type,
            "" if collective else values["individual__position"],
            values["unit__parent__name"] if collective else values["individual__unit__name"],
            values["nominating_unit__name"],
            values["campaign__title"],
            values["award_type__name"],
            values["is_fast_track"],
            values["achieved_on"],
            values["submitted_at"],
            states.get(state, state),
            where,
            values["awarded_on"],
            values["award_amount"] if values["awarded_on"] else None,
        ]


def queue_sheet(queryset) -> Sheet:
    columns = [
        Column(_("STT"), 7, INTEGER),
        Column(_("Họ và tên, tên tập thể"), 30),
        Column(_("Cá nhân/Tập thể"), 12),
        Column(_("Chức vụ"), 24),
        Column(_("Đơn vị công tác"), 30),
        Column(_("Đơn vị đề nghị"), 30),
        Column(_("Phong trào"), 36),
        Column(_("Danh hiệu, hình thức đề nghị"), 30),
        Column(_("Khen đột xuất"), 10),
        Column(_("Ngày lập thành tích"), 13),
        Column(_("Ngày gửi"), 17),
        Column(_("Trạng thái"), 16),
        Column(_("Đang chờ xét duyệt tại"), 24),
        Column(_("Ngày được khen thưởng"), 13),
        Column(_("Tiền thưởng (đồng)"), 16, MONEY),
    ]
    caption = [
        _("DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG"),
        _("Xuất ngày %(day)s") % {"day": short_date(timezone.localdate())},
    ]
    return Sheet(_("Hồ sơ đề nghị"), columns, queue_rows(queryset), caption=caption)


# --- A decision's list ---------------------------------------------------------------------


def decision_rows(lines):
    """STT, name, position, unit, form, amount, note; then the total of the lines in force."""
    total = 0
    for number, line in enumerate(lines, 1):
        if line.individual_id:
            person = line.individual
            name, position, unit = person.full_name, person.position, person.unit.name
        else:
            name, position = line.unit.name, ""
            unit = line.unit.parent.name if line.unit.parent_id else ""
        note = ""
        if line.revoked_at is not None:
            note = _("Đã thu hồi ngày %(day)s") % {
                "day": short_date(timezone.localtime(line.revoked_at).date())
            }
        else:
            total += line.amount
        yield [number, name, position, unit, line.decision.award_type.name, line.amount, note]
    yield ["", _("Tổng cộng"), "", "", "", total, ""]


def decision_sheet(decision, lines) -> Sheet:
    """The list attached to ``decision`` (danh sách kèm theo quyết định)."""
    columns = [
        Column(_("STT"), 6, INTEGER),
        Column(_("Họ và tên, tên tập thể"), 32),
        Column(_("Chức vụ"), 26),
        Column(_("Đơn vị"), 36),
        Column(_("Hình thức khen thưởng"), 30),
        Column(_("Số tiền (đồng)"), 16, MONEY),
        Column(_("Ghi chú"), 20),
    ]
    if decision.number:
        reference = _("(Kèm theo Quyết định số %(reference)s ngày %(day)s của %(issuer)s)") % {
            "reference": decision.reference,
            "day": short_date(decision.signed_date),
            "issuer": decision.issuer_document["name"],
        }
    else:
        reference = _("(Kèm theo dự thảo quyết định của %(issuer)s, chưa cấp số)") % {
            "issuer": decision.issuer_document["name"]
        }
    caption = [_("DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG"), reference]
    return Sheet(_("Danh sách khen thưởng"), columns, decision_rows(lines), caption=caption)
