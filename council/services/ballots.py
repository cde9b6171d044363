"""The printable paper ballot (phiếu bầu) of a council session: one blank ballot listing
the agenda with a box for "đồng ý", "không đồng ý" and "không biểu quyết" per item.

It carries no member's name, number or mark of any kind that would tell one printed
ballot from another: every member gets the same sheet, so a counted ballot cannot be
tied to whoever filled it in.  Rendered on request through ``common.pdf.engine`` (a
page or two: no background job).
"""

from django.template.loader import render_to_string
from django.utils import timezone

from common.pdf import engine
from common.pdf.letterhead import issuer_name, place_date_line
from common.pdf.stylesheet import allowed_roots, official_css
from common.text import ascii_name, nfc

from ..selectors import items_of

# The text of the printed ballot, an official paper, is not interface text: not translated.
CHOICES = ("Đồng ý", "Không đồng ý", "Không biểu quyết")


def ballot_context(session) -> dict:
    council = session.council
    unit = council.unit
    day = timezone.localdate(session.meeting_at)
    rows = [
        {
            "number": n,
            "subject": nfc(item.nomination.subject_name),
            "award": nfc(str(item.nomination.award_type)),
            "method": str(item.rule.get_method_display()),
        }
        for n, item in enumerate(items_of(session), 1)
    ]
    return {
        "parent": issuer_name(unit),
        "council": nfc(council.name).upper(),
        "title": nfc(session.title),
        "place_date": place_date_line(nfc(unit.place_name or ""), day),
        "meeting": f"{timezone.localtime(session.meeting_at):%H:%M}, {day:%d/%m/%Y}",
        "place": nfc(session.place),
        "rows": rows,
        "choices": CHOICES,
    }


def ballot_html(session) -> str:
    return render_to_string("council/pdf/ballot.html", ballot_context(session))


def ballot_pdf(session) -> bytes:
    return engine.render_pdf(
        ballot_html(session), official_css("council/pdf/ballot.css"), allowed_roots()
    )


def ballot_file_name(session) -> str:
    return f"Phieu-bau-{ascii_name(session.title, 40, fallback='phien-hop')}-{session.pk}.pdf"
