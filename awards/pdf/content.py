"""What the awards' PDFs print: the HTML of the decision and of the
certificates (templates under ``awards/pdf/``), and their stylesheet.

The lines every official document prints (issuer heading, place and date,
the head's title) come from ``common.pdf.letterhead``, read from the issuer as
the decision froze it when issued (``AwardDecision.issuer_document``), so a
unit renamed or merged since still prints under the name it signed with.  The
fonts, the base
stylesheet and the folders the renderer may read from
``common.pdf.stylesheet``.  Built from the models in the task's process; the
rendering processes only get the resulting HTML and stylesheet.  Every
builder returns strings and plain dicts.
"""

from decimal import Decimal
from urllib.parse import quote

from django.template.loader import render_to_string
from django.urls import reverse

from common.pdf import engine
from common.pdf.letterhead import letterhead, place_date_line, short_date
from common.pdf.stylesheet import official_css
from common.site import absolute_url
from common.text import nfc, thousands
from units.enums import Gender, UnitLevel

from ..enums import LayoutKind, PrintStyle


def _money(amount) -> str:
    return thousands(amount)


def _lines(text: str) -> list[str]:
    return [nfc(line.strip()) for line in (text or "").splitlines() if line.strip()]


def salutation(recipient) -> str:
    individual = recipient.individual
    if individual is None:
        return ""
    word = "Bà" if individual.gender == Gender.FEMALE else "Ông"
    return f"Hộ {word.lower()}" if individual.is_household else word


def position_and_unit(recipient) -> str:
    if recipient.position_and_unit:
        return nfc(recipient.position_and_unit)
    individual = recipient.individual
    if individual is None:
        return ""
    return nfc(", ".join(p for p in (individual.position, individual.unit.name) if p))


def recipient_name(recipient) -> str:
    return nfc(recipient.subject_name)


def verification_url(certificate) -> str:
    return absolute_url(reverse("verify", args=[certificate.token]))


# --- The stylesheet and the HTML ----------------------------------------------------


def pdf_css() -> str:
    """The stylesheet of the decision and the certificates (one for both: a run
    renders them with the same stylesheet, parsed once per process)."""
    return official_css("awards/pdf/documents.css")


def certificate_common(decision) -> dict:
    """What every certificate (or letter) of ``decision`` prints alike."""
    award = decision.award_type
    return {
        "authority": decision.issuer_document["authority"],
        "authority_in_text": decision.issuer_document["authority_in_text"],
        "issuer": dict(decision.issuer_document["heading"]),
        "letterhead": letterhead(
            decision.issuer_document, number="", place=decision.place, day=decision.signed_date
        ),
        "heading": nfc(award.certificate_heading or award.name).upper(),
        "citation": nfc(decision.citation),
        "place_date": place_date_line(nfc(decision.place), decision.signed_date),
        "signer_lines": [
            nfc(line).upper() for line in (decision.signer_capacity, decision.signer_title) if line
        ],
        "signer_name": nfc(decision.signer_name),
        "decision_line": (
            f"Quyết định số {decision.reference} ngày {short_date(decision.signed_date)}"
        ),
    }


def _mm(value) -> str:
    return f"{Decimal(value):.1f}mm"


def overlay_fields(layout, common, item) -> list[dict]:
    """The positioned fields of one certificate on a pre-printed blank."""
    texts = {
        "recipient": " ".join(p for p in (item["salutation"], item["name"]) if p),
        "position": item["position"],
        "citation": common["citation"],
        "placedate": common["place_date"],
        "signer": "\n".join([*common["signer_lines"], "\n\n", common["signer_name"]]),
        "decision": common["decision_line"],
        "register": f"Số sổ vàng: {item['register']}" if item["register"] else "",
        "serial": f"Số hiệu: {item['serial']}",
    }
    fields = []
    for row in layout.fields.all():
        left, top = row.x_mm + layout.offset_x_mm, row.y_mm + layout.offset_y_mm
        style = (
            f"left: {_mm(left)}; top: {_mm(top)};"
            f" width: {_mm(row.width_mm)}; font-size: {Decimal(row.font_size_pt):.1f}pt;"
            f" text-align: {row.align};{' font-weight: bold;' if row.bold else ''}"
        )
        if row.field == "qr":
            fields.append({"name": "qr", "style": style, "qr": item["qr"]})
        elif texts.get(row.field):
            fields.append({"name": row.field, "style": style, "text": texts[row.field]})
    return fields


def certificate_item(certificate) -> dict:
    recipient = certificate.recipient
    return {
        "serial": certificate.serial,
        "salutation": salutation(recipient),
        "name": recipient_name(recipient),
        "position": position_and_unit(recipient),
        "register": nfc(recipient.golden_register_number),
        "qr": engine.QR_SCHEME + quote(verification_url(certificate), safe=":/"),
    }


#: The designed page of each print style; a letter is a letter whatever the layout.
DESIGNED_TEMPLATES = {
    PrintStyle.PROVINCIAL: "awards/pdf/certificate_designed.html",
    PrintStyle.UNIT: "awards/pdf/certificate_unit.html",
    PrintStyle.LETTER: "awards/pdf/letter.html",
}


def letter_address(item) -> str:
    """How a letter names its addressee in a sentence: "bà Nguyễn Thị Hằng",
    "hộ ông Lê Văn Tư", "Khoa Hồi sức tích cực"."""
    salutation = item["salutation"].lower()
    return f"{salutation} {item['name']}" if salutation else item["name"]


def certificate_template(decision, layout) -> str:
    """The template of ``decision``'s pages: a letter for a letter of commendation,
    the blank's fields for an overlay layout, else the design of the award's style."""
    style = decision.award_type.print_style
    if style != PrintStyle.LETTER and layout is not None and layout.kind == LayoutKind.OVERLAY:
        return "awards/pdf/certificate_overlay.html"
    return DESIGNED_TEMPLATES.get(style, DESIGNED_TEMPLATES[PrintStyle.PROVINCIAL])


def certificates_html(decision, certificates, layout) -> str:
    common = certificate_common(decision)
    items = [certificate_item(c) for c in certificates]
    template = certificate_template(decision, layout)
    if template == "awards/pdf/certificate_overlay.html":
        for item in items:
            item["fields"] = overlay_fields(layout, common, item)
    if template == DESIGNED_TEMPLATES[PrintStyle.LETTER]:
        common["citation_in_sentence"] = _in_sentence(common["citation"]).rstrip(".")
        for item in items:
            item["address"] = letter_address(item)
    return render_to_string(template, {"decision": common, "items": items})


def _subject_counts(recipients) -> str:
    collectives = sum(1 for r in recipients if r.unit_id)
    households = sum(1 for r in recipients if r.individual_id and r.individual.is_household)
    individuals = len(recipients) - collectives - households
    parts = [
        f"{n} {label}"
        for n, label in (
            (collectives, "tập thể"),
            (individuals, "cá nhân"),
            (households, "hộ gia đình"),
        )
        if n
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " và " + parts[-1]
    return parts[0] if parts else "0 cá nhân"


def _in_sentence(text: str) -> str:
    """ "Đã có thành tích …" continues a sentence: "đã có thành tích …"."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _fund(issuer: dict) -> str:
    if issuer["level"] == UnitLevel.PROVINCE:
        return "Quỹ Thi đua, khen thưởng của tỉnh"
    return f"Quỹ Thi đua, khen thưởng của {issuer['name']}"


def decision_context(decision) -> dict:
    issuer = decision.issuer_document
    recipients = list(
        decision.recipients.select_related("individual__unit", "unit").order_by("sort_order", "id")
    )
    award_name = nfc(decision.award_type.name)
    total = sum(r.amount for r in recipients)
    # A cash-only award (thưởng nóng) is given, not "presented": "Thưởng nóng cho …".
    cash_only = decision.award_type.is_cash_only
    verb = award_name if cash_only else f"Tặng {award_name}"
    articles = [
        f"{verb} cho {_subject_counts(recipients)} có tên trong danh sách kèm theo, "
        f"{_in_sentence(nfc(decision.citation)).rstrip('.')}."
    ]
    if total:
        articles.append(
            f"Tổng số tiền thưởng là {_money(total)} đồng, mức thưởng của từng tập thể, cá nhân "
            f"theo danh sách kèm theo, được chi từ {_fund(issuer)}."
        )
    executors = nfc(" ".join(_lines(decision.executors)))
    if not executors:
        executors = (
            f"Chánh Văn phòng {issuer['name']}, thủ trưởng các cơ quan, đơn vị có liên quan và "
            "các tập thể, cá nhân có tên tại Điều 1"
        )
    if "thi hành" not in executors:
        executors = f"{executors.rstrip('.;')} chịu trách nhiệm thi hành Quyết định này./."
    articles.append(f"Quyết định này có hiệu lực kể từ ngày ký. {executors}")
    distribution = [
        line if line.startswith(("-", "–")) else f"- {line}"
        for line in _lines(decision.distribution)
    ] or ["- Như Điều 3;", "- Lưu: VT."]
    return {
        "letterhead": letterhead(
            issuer,
            number=f"Số: {decision.reference}",
            place=decision.place,
            day=decision.signed_date,
        ),
        "reference": decision.reference,
        "short_date": short_date(decision.signed_date),
        "award_name": award_name,
        "subject": f"Về việc {award_name.lower()}" if cash_only else f"Về việc tặng {award_name}",
        "authority": issuer["authority"],
        "authority_title": issuer["authority_in_text"],
        "legal_basis": _lines(decision.legal_basis),
        "articles": articles,
        "distribution": distribution,
        "signer_lines": [
            nfc(line).upper()
            for line in (
                decision.signer_authority,
                decision.signer_capacity,
                decision.signer_title,
            )
            if line
        ],
        "signer_name": nfc(decision.signer_name),
        "annex_title": (
            f"tập thể, cá nhân được {award_name.lower()}"
            if cash_only
            else f"tập thể, cá nhân được tặng {award_name}"
        ),
        "rows": [
            {
                "number": index,
                "name": " ".join(p for p in (salutation(r), recipient_name(r)) if p),
                "position": position_and_unit(r),
                "amount": _money(r.amount) if r.amount else "",
            }
            for index, r in enumerate(recipients, 1)
        ],
        "count": len(recipients),
        "total": _money(total),
    }


def decision_html(decision) -> str:
    return render_to_string("awards/pdf/decision.html", {"d": decision_context(decision)})
