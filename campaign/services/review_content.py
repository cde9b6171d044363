"""What a campaign's review (sơ kết, tổng kết) says: its figures, compiled once into plain
values, and the document and annexes written from them.

:func:`compile_review` reads the database and returns the review's ``content``, a dict
of plain JSON values (numbers, texts, ISO dates) that the review row keeps, so that a
resumed build writes its remaining files from the same figures:

* ``participation``: the units the campaign addresses in the period (the launching
  unit left out), how many registered, and for each reporting round whose period ends
  within the review's period how many reported on time, late (after the due date) or
  not at all; the units late or silent in the latest of those rounds;
* ``indicators``: each indicator against its targets, with the figures of the latest
  round in the period, one row per branch one level below the issuer, and a total
  (:func:`campaign.selectors.branch_rollup`);
* ``awards``: the campaign's nominations proposed and awarded in the period, with the
  bonus, by form, level and subject group, the front-line share among individuals and
  the days from achievement to award (:func:`awards.statistics.build_statistics`);
* ``honoured``: the lines in force of the issued decisions of the campaign signed in
  the period (name, position and unit, form, decision number and date).

:func:`review_document` turns the content into the document dict of
:mod:`common.word` (which :mod:`common.pdf.report` renders too), and
:func:`review_sheets` into the Excel annexes, one sheet per table.  The document's
wording is the text of an official report, not interface text, so it is not
translated (as decisions' wording is not).  A bounded number of queries, whatever the
number of units, nominations or rounds.
"""

import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from awards.enums import DecisionState
from awards.models import Nomination, Recipient
from awards.statistics import build_statistics
from common.excel.export import DECIMAL, INTEGER, MONEY, Column, Sheet
from common.pdf.letterhead import issuer_snapshot, letterhead
from common.text import nfc
from common.word import cell_text

from ..enums import ReviewKind
from ..models import ProgressReport, Registration, ReportingRound
from ..selectors import branch_rollup, indicators_of, participants_on

# --- Compiling the figures ----------------------------------------------------------------


def plain(value):
    """A Decimal as the JSON number it stands for: whole numbers as int, others as float."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def percent(part, whole) -> float | None:
    """``part`` per hundred of ``whole``, one decimal place (None: nothing to divide by)."""
    if not whole or part is None:
        return None
    return round(100 * float(part) / float(whole), 1)


def _end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the portal's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )


def participation(campaign, start, end) -> dict:
    """Who takes part, registered and reported; four queries, five with participants."""
    units = {
        unit.pk: unit.name
        for unit in participants_on(campaign, end)
        .exclude(pk=campaign.issuing_unit_id)
        .only("pk", "name", "path")
    }
    registered = Registration.objects.filter(campaign=campaign, unit_id__in=list(units)).count()
    rounds = list(
        ReportingRound.objects.filter(
            campaign=campaign, period_end__gte=start, period_end__lte=end
        ).order_by("period_end", "id")
    )
    reports: dict[int, dict[int, datetime.datetime | None]] = {r.pk: {} for r in rounds}
    for round_id, unit_id, submitted_at in ProgressReport.objects.filter(
        round__in=rounds, unit_id__in=list(units)
    ).values_list("round_id", "unit_id", "submitted_at"):
        reports[round_id][unit_id] = submitted_at
    round_rows, late_units = [], []
    for round_ in rounds:
        sent = reports[round_.pk]
        limit = _end_of(round_.due_date)
        late = [u for u, at in sent.items() if at is not None and at >= limit]
        missing = [u for u in units if u not in sent]
        round_rows.append(
            {
                "title": nfc(round_.title),
                "due_date": round_.due_date.isoformat(),
                "expected": len(units),
                "on_time": len(sent) - len(late),
                "late": len(late),
                "missing": len(missing),
            }
        )
        behind = set(late) | set(missing)
        late_units = [units[u] for u in units if u in behind]  # the last round's stays
    return {
        "units": len(units),
        "registered": registered,
        "registration_required": campaign.registration_required,
        "rounds": round_rows,
        "late_units": late_units,
    }


def indicator_tables(campaign, issuer, start, end) -> dict:
    """Each indicator against the targets, by branch under ``issuer``, with the figures of
    the latest round whose period ends in the review's period."""
    latest = (
        ReportingRound.objects.filter(campaign=campaign, period_end__gte=start, period_end__lte=end)
        .order_by("-period_end", "-id")
        .first()
    )
    indicators = list(indicators_of(campaign))
    if latest is None or not indicators:
        return {"round": nfc(latest.title) if latest else "", "tables": []}
    taking_part = participants_on(campaign, end).values_list("path", flat=True)
    rows = branch_rollup(latest, issuer, end, among=list(taking_part))
    tables = []
    for indicator in indicators:
        lines, target_sum, figure_sum = [], Decimal(0), Decimal(0)
        for row in rows:
            target = row.targets.get(indicator.pk)
            figure = row.figures.get(indicator.pk)
            target_sum += target or 0
            figure_sum += figure or 0
            lines.append([nfc(row.label), plain(target), plain(figure), percent(figure, target)])
        tables.append(
            {
                "name": nfc(indicator.name),
                "measure": nfc(indicator.measure),
                "rows": lines,
                "total": [
                    "Tổng cộng",
                    plain(target_sum),
                    plain(figure_sum),
                    percent(figure_sum, target_sum),
                ],
            }
        )
    return {
        "round": nfc(latest.title),
        "round_end": latest.period_end.isoformat(),
        "tables": tables,
    }


def _rows(table) -> list[list]:
    return [[nfc(row.label), row.proposed, row.awarded, row.amount] for row in table.rows]


def award_figures(campaign, issuer, start, end) -> dict:
    """The campaign's nominations and awards in the period, from the statistics' tables."""
    stats = build_statistics(
        Nomination.objects.filter(campaign=campaign),
        user=None,
        root=issuer,
        date_from=start,
        date_to=end,
    )
    totals = stats.totals
    front, leaders = stats.table("front_line").rows
    delays = [
        [nfc(d.label), d.count, d.average, d.median, d.shortest, d.longest] for d in stats.delays
    ]
    return {
        "proposed": totals.proposed,
        "awarded": totals.awarded,
        "amount": totals.amount,
        "by_type": _rows(stats.table("award_type")),
        "by_level": _rows(stats.table("level")),
        "by_category": _rows(stats.table("category")),
        "front_line": front.awarded,
        "individuals": front.awarded + leaders.awarded,
        "front_line_share": stats.front_line_share,
        "delays": delays,
    }


def honoured(campaign, start, end) -> list[list]:
    """Those honoured by the campaign's decisions issued in the period, lines in force."""
    lines = (
        Recipient.objects.filter(
            Q(decision__campaign=campaign) | Q(nomination__campaign=campaign),
            decision__state=DecisionState.ISSUED,
            decision__signed_date__gte=start,
            decision__signed_date__lte=end,
            revoked_at__isnull=True,
        )
        .select_related("decision__award_type", "individual", "unit")
        .order_by("decision__signed_date", "decision__number", "sort_order", "id")
    )
    return [
        [
            nfc(line.subject_name),
            nfc(line.position_and_unit),
            nfc(line.decision.award_type.name),
            line.decision.reference,
            line.decision.signed_date.isoformat(),
        ]
        for line in lines
    ]


def compile_review(review) -> dict:
    """The review's content (see the module), plain values only."""
    campaign, start, end = review.campaign, review.period_start, review.period_end
    return {
        "kind": review.kind,
        "campaign": nfc(campaign.title),
        "plan_reference": campaign.plan_reference,
        "period": [start.isoformat(), end.isoformat()],
        "participation": participation(campaign, start, end),
        "indicators": indicator_tables(campaign, review.issuer, start, end),
        "awards": award_figures(campaign, review.issuer, start, end),
        "honoured": honoured(campaign, start, end),
    }


# --- The document and its annexes ----------------------------------------------------------


def _day(iso: str) -> str:
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")


def _n(value) -> str:
    """A number as the report writes it: 1.234 or 1.234,5."""
    return cell_text(value)


def _in_sentence(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def kind_word(kind: str) -> str:
    return "tổng kết" if kind == ReviewKind.FINAL else "sơ kết"


def review_title(content: dict) -> str:
    """ "Sơ kết phong trào thi đua … (từ 01/01/2021 đến 30/06/2021)"."""
    start, end = content["period"]
    return (
        f"{kind_word(content['kind']).capitalize()} {_in_sentence(content['campaign'])} "
        f"(từ ngày {_day(start)} đến ngày {_day(end)})"
    )


def participation_paragraphs(part: dict) -> list[str]:
    units = part["units"]
    lines = [
        f"Phong trào được triển khai tới {_n(units)} đơn vị. "
        f"Có {_n(part['registered'])}/{_n(units)} đơn vị đăng ký thi đua"
        + (f" (đạt {_n(percent(part['registered'], units))}%)." if units else ".")
    ]
    for row in part["rounds"]:
        sent = row["on_time"] + row["late"]
        lines.append(
            f"Kỳ báo cáo {row['title']} (hạn {_day(row['due_date'])}): "
            f"{_n(sent)}/{_n(row['expected'])} đơn vị gửi báo cáo, trong đó "
            f"{_n(row['late'])} đơn vị gửi sau hạn; {_n(row['missing'])} đơn vị chưa gửi."
        )
    if part["late_units"]:
        lines.append(
            "Các đơn vị gửi chậm hoặc chưa gửi báo cáo kỳ gần nhất: "
            + ", ".join(part["late_units"])
            + "."
        )
    return lines


def indicator_paragraphs(indicators: dict) -> list[str]:
    if not indicators["tables"]:
        return ["Chưa có số liệu báo cáo theo chỉ tiêu trong kỳ."]
    lines = [
        f"Số liệu theo báo cáo kỳ {indicators['round']} của các đơn vị, tổng hợp theo "
        "từng khối, đơn vị trực thuộc:"
    ]
    for table in indicators["tables"]:
        _label, target, figure, share = table["total"]
        text = f"{table['name']}: đạt {_n(figure)} {table['measure']}"
        if target:
            text += f"/{_n(target)} {table['measure']} đăng ký ({_n(share)}%)"
        lines.append(text + ".")
    return lines


def award_paragraphs(awards: dict) -> list[str]:
    lines = [
        f"Trong kỳ, các đơn vị đề nghị khen thưởng {_n(awards['proposed'])} trường hợp; "
        f"đã khen thưởng {_n(awards['awarded'])} trường hợp, tổng tiền thưởng "
        f"{_n(awards['amount'])} đồng."
    ]
    if awards["individuals"]:
        lines.append(
            f"Trong {_n(awards['individuals'])} cá nhân được khen thưởng có "
            f"{_n(awards['front_line'])} người lao động trực tiếp, không giữ chức vụ lãnh đạo, "
            f"quản lý (chiếm {_n(awards['front_line_share'])}%)."
        )
    every = awards["delays"][-1]
    if every[1]:
        lines.append(
            f"Thời gian từ khi lập thành tích đến khi được khen thưởng bình quân "
            f"{_n(every[2])} ngày (trung vị {_n(every[3])} ngày; nhanh nhất {_n(every[4])} "
            f"ngày, lâu nhất {_n(every[5])} ngày)."
        )
    return lines


ROUND_HEADERS = ["Kỳ báo cáo", "Hạn gửi", "Số đơn vị", "Đúng hạn", "Sau hạn", "Chưa gửi"]
INDICATOR_HEADERS = ["Đơn vị", "Chỉ tiêu đăng ký", "Kết quả", "Tỷ lệ (%)"]
AWARD_HEADERS = ["Đề nghị", "Khen thưởng", "Tiền thưởng (đồng)"]
DELAY_HEADERS = ["Nhóm", "Số trường hợp", "Bình quân", "Trung vị", "Ít nhất", "Nhiều nhất"]
HONOURED_HEADERS = ["Tập thể, cá nhân", "Chức vụ, đơn vị", "Hình thức", "Số quyết định", "Ngày"]


def _award_table(title: str, rows: list[list]) -> dict:
    total = ["Tổng cộng", *(sum(row[i] for row in rows) for i in (1, 2, 3))]
    return {"title": title, "headers": [title, *AWARD_HEADERS], "rows": rows, "total": total}


def content_tables(content: dict) -> list[dict]:
    """Every table of the report, in order: ``{"key", "title", "headers", "rows",
    "total"}`` with an STT column first."""
    part, indicators, awards = (
        content["participation"],
        content["indicators"],
        content["awards"],
    )
    tables = [
        {
            "key": "rounds",
            "title": "Tình hình báo cáo",
            "headers": ROUND_HEADERS,
            "rows": [
                [
                    r["title"],
                    _day(r["due_date"]),
                    r["expected"],
                    r["on_time"],
                    r["late"],
                    r["missing"],
                ]
                for r in part["rounds"]
            ],
            "total": None,
        }
    ]
    for table in indicators["tables"]:
        tables.append(
            {
                "key": "indicator",
                "title": f"Chỉ tiêu: {table['name']} ({table['measure']})",
                "headers": INDICATOR_HEADERS,
                "rows": table["rows"],
                "total": table["total"],
            }
        )
    for key, title in (
        ("by_type", "Hình thức khen thưởng"),
        ("by_level", "Cấp khen"),
        ("by_category", "Đối tượng"),
    ):
        tables.append({"key": key, **_award_table(title, awards[key])})
    tables.append(
        {
            "key": "delays",
            "title": "Thời gian từ thành tích đến khen thưởng (ngày)",
            "headers": DELAY_HEADERS,
            "rows": awards["delays"],
            "total": None,
        }
    )
    tables.append(
        {
            "key": "honoured",
            "title": "Danh sách tập thể, cá nhân được khen thưởng",
            "headers": HONOURED_HEADERS,
            "rows": [[*row[:4], _day(row[4])] for row in content["honoured"]],
            "total": None,
        }
    )
    return [_numbered(table) for table in tables]


def _numbered(table: dict) -> dict:
    rows = [[index, *row] for index, row in enumerate(table["rows"], 1)]
    total = ["", *table["total"]] if table["total"] else None
    return {**table, "headers": ["STT", *table["headers"]], "rows": rows, "total": total}


def _table_block(table: dict) -> dict:
    spec = {"headers": table["headers"], "rows": table["rows"]}
    if table["total"]:
        spec["total"] = table["total"]
    return {"table": spec}


def review_document(review, content: dict) -> dict:
    """The report as the document dict of :mod:`common.word` and :mod:`common.pdf.report`."""
    issuer = review.issuer_snapshot or issuer_snapshot(review.issuer)
    tables = {t["title"]: t for t in content_tables(content)}
    by_key = {}
    for table in tables.values():
        by_key.setdefault(table["key"], []).append(table)
    word = kind_word(content["kind"])
    blocks = [
        {
            "paragraph": f"Thực hiện {content['campaign']}"
            + (f" (Kế hoạch số {content['plan_reference']})" if content["plan_reference"] else "")
            + f", {issuer['name']} báo cáo {word} như sau:"
        },
        {"heading": "I. KẾT QUẢ TRIỂN KHAI PHONG TRÀO"},
        {"heading": "1. Tình hình tham gia, báo cáo của các đơn vị"},
        *({"paragraph": line} for line in participation_paragraphs(content["participation"])),
    ]
    if by_key["rounds"][0]["rows"]:
        blocks.append(_table_block(by_key["rounds"][0]))
    blocks.append({"heading": "2. Kết quả thực hiện các chỉ tiêu"})
    blocks += [{"paragraph": line} for line in indicator_paragraphs(content["indicators"])]
    for table in by_key.get("indicator", ()):
        blocks += [{"paragraph": table["title"]}, _table_block(table)]
    blocks += [
        {"heading": "II. CÔNG TÁC KHEN THƯỞNG"},
        {"heading": "1. Kết quả đề nghị và khen thưởng"},
        *({"paragraph": line} for line in award_paragraphs(content["awards"])),
    ]
    for key in ("by_type", "by_level", "by_category"):
        table = by_key[key][0]
        if table["rows"]:
            blocks += [{"paragraph": f"Theo {table['title'].lower()}:"}, _table_block(table)]
    delays = by_key["delays"][0]
    if content["awards"]["delays"][-1][1]:
        blocks += [{"paragraph": delays["title"] + ":"}, _table_block(delays)]
    blocks.append({"heading": "2. Danh sách tập thể, cá nhân được khen thưởng"})
    listed = by_key["honoured"][0]
    if listed["rows"]:
        blocks.append(_table_block(listed))
    else:
        blocks.append({"paragraph": "Trong kỳ chưa có quyết định khen thưởng."})
    blocks += [
        {"heading": "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"},
        {"paragraph": "…"},
    ]
    signer_lines = [nfc(line).upper() for line in review.signer_authority.splitlines() if line]
    if review.signer_title:
        signer_lines.append(nfc(review.signer_title).upper())
    return {
        "letterhead": letterhead(
            issuer, number=f"Số: {review.reference}", place=review.place, day=review.date
        ),
        "kind": "BÁO CÁO",
        "title": review_title(content),
        "blocks": blocks,
        "signature": {"lines": signer_lines, "name": nfc(review.signer_name)},
        "recipients": [
            "- Các đơn vị tham gia phong trào;",
            "- Lưu: VT, TĐKT.",
        ],
    }


#: The annexes' columns that are not text, by header.
NUMBER_COLUMNS = {
    "Số đơn vị": INTEGER,
    "Đúng hạn": INTEGER,
    "Sau hạn": INTEGER,
    "Chưa gửi": INTEGER,
    "Chỉ tiêu đăng ký": "#,##0.##",
    "Kết quả": "#,##0.##",
    "Tỷ lệ (%)": DECIMAL,
    "Đề nghị": INTEGER,
    "Khen thưởng": INTEGER,
    "Tiền thưởng (đồng)": MONEY,
    "Số trường hợp": INTEGER,
    "Bình quân": DECIMAL,
    "Trung vị": DECIMAL,
    "Ít nhất": INTEGER,
    "Nhiều nhất": INTEGER,
}


def _column(header: str) -> Column:
    if header in NUMBER_COLUMNS:
        return Column(header, 14, NUMBER_COLUMNS[header])
    return Column(header, 36, wrap=True)


def review_sheets(review, content: dict) -> list[Sheet]:
    """The Excel annexes: one sheet per table of the report."""
    caption = [f"PHỤ LỤC BÁO CÁO SỐ {review.reference}", review_title(content)]
    sheets = []
    for table in content_tables(content):
        columns = [Column(table["headers"][0], 6)]
        columns += [_column(header) for header in table["headers"][1:]]
        rows = list(table["rows"]) + ([table["total"]] if table["total"] else [])
        sheets.append(
            Sheet(
                title=table["title"],
                columns=columns,
                rows=rows,
                caption=[*caption, table["title"]],
            )
        )
    return sheets
