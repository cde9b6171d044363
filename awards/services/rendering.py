"""Rendering a decision's document and certificates to PDF, in the background.

``render_run(run)`` is what the Celery task calls.  The database is the truth:

* A certificate needs rendering while it is VALID and has no file, or its
  ``rendered_at`` was cleared to ask for a new file (``regenerate``).  Rendering
  only fills ``file`` and ``rendered_at`` of rows that already exist, so however
  often a run is started, resumed or delivered twice, each recipient line keeps
  exactly the one valid certificate it had.
* Certificates are rendered in chunks (``CERTIFICATE_CHUNK_SIZE``, 100 pages):
  each chunk is one WeasyPrint document, split into one PDF per page with
  pypdf.  The files of a chunk are stored under names derived from the serials
  (a re-run overwrites, nothing piles up), then the rows and the run's
  ``done`` counter are updated in one short transaction.  A worker that dies
  mid-chunk leaves those rows without a file, and the next delivery of the
  task carries on from there.
* With more than one chunk, the chunks and the decision document are laid out
  by ``CERTIFICATE_RENDER_PROCESSES`` rendering processes (2 by default, one
  per core; see ``awards.pdf.pool``) while this process builds the next
  chunk's HTML, stores finished files and commits progress, in order.  The
  rendering processes only turn HTML into PDF bytes: they never touch the
  database or the storage, and they end when this process ends, so a lost
  process loses nothing but time.  A small run renders in this process.
* At the end the print file (all valid certificates of the decision, in the
  order of the decision's list) is assembled from the chunk documents; pages
  this run did not render come from the previous print file, or else from
  the certificate's own file.  Each page is labelled with the serial.
"""

import io
import logging
import re
import tempfile
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from common.models import ActivityLog, log_activity
from common.notifications import notify
from common.text import fold, nfc
from units.enums import Gender, UnitLevel

from ..enums import CertificateState, DecisionState, LayoutKind, RunState
from ..models import Certificate, CertificateLayout, CertificateRun
from ..pdf import engine
from ..pdf.pool import RenderPool

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 100
DEFAULT_PROCESSES = 2
READY_ACTION = "certificates.ready"

FONT_FILES = {
    "regular": "fonts/LiberationSerif-Regular.ttf",
    "bold": "fonts/LiberationSerif-Bold.ttf",
    "italic": "fonts/LiberationSerif-Italic.ttf",
    "bold_italic": "fonts/LiberationSerif-BoldItalic.ttf",
}

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


# --- Dates and names as the official format writes them -------------------------------


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


@dataclass(frozen=True)
class IssuerHeading:
    parent: str
    name: str
    parent_bold: bool


def issuer_name(unit) -> str:
    return nfc(unit.issuer_name or unit.name).upper()


def issuer_heading(unit) -> IssuerHeading:
    """The two lines at the top left: "ỦY BAN NHÂN DÂN" / "TỈNH BẾN TRE", or the
    parent body above the issuer: "UBND TỈNH BẾN TRE" / "SỞ Y TẾ"."""
    name = issuer_name(unit)
    if name.startswith(PEOPLES_COMMITTEE + " "):
        return IssuerHeading(PEOPLES_COMMITTEE, name[len(PEOPLES_COMMITTEE) + 1 :], True)
    parent = issuer_name(unit.parent).replace(PEOPLES_COMMITTEE, "UBND") if unit.parent else ""
    return IssuerHeading(parent, name, False)


def _head(unit) -> str:
    name = issuer_name(unit)
    return next((title for prefix, title in HEAD_TITLES if name.startswith(prefix)), "THỦ TRƯỞNG")


def head_title(unit) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE", "GIÁM ĐỐC SỞ Y TẾ"."""
    return f"{_head(unit)} {issuer_name(unit)}"


def head_title_in_text(unit) -> str:
    """ "Chủ tịch Ủy ban nhân dân tỉnh Bến Tre", as a sentence writes it."""
    return f"{_head(unit).capitalize()} {nfc(unit.name)}"


def _money(amount) -> str:
    return f"{int(amount):,}".replace(",", ".")


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
    return settings.SITE_URL.rstrip("/") + reverse("verify", args=[certificate.token])


# --- Where files go ----------------------------------------------------------------


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", fold(text)).strip("-") or "x"


def certificate_file_name(certificate, decision) -> str:
    return f"certificates/{decision.pk}/{_safe(certificate.serial)}.pdf"


def decision_file_name(decision) -> str:
    return f"decisions/{decision.pk}/quyet-dinh-{_safe(decision.reference)}.pdf"


def merged_file_name(decision) -> str:
    return f"certificate-runs/{decision.pk}/{_safe(decision.reference)}-tat-ca.pdf"


def store(name: str, data: bytes) -> str:
    """Write ``data`` at exactly ``name``, replacing what was there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


# --- The stylesheet and the HTML ----------------------------------------------------


def _font_uri(relative: str) -> str:
    found = finders.find(relative)
    path = Path(found) if found else Path(settings.STATIC_ROOT) / relative
    if not path.is_file():
        raise ImproperlyConfigured(f"Font file missing: {relative}")
    return path.resolve().as_uri()


def allowed_roots() -> tuple[str, ...]:
    """Folders the PDF renderer may read files from."""
    roots = [settings.STATIC_ROOT, *settings.STATICFILES_DIRS, settings.MEDIA_ROOT]
    return tuple(str(Path(root).resolve()) for root in roots if root)


def pdf_css() -> str:
    fonts = {face: _font_uri(path) for face, path in FONT_FILES.items()}
    return render_to_string("awards/pdf/pdf.css", {"fonts": fonts})


def default_layout():
    return CertificateLayout.objects.filter(is_default=True).prefetch_related("fields").first()


def certificate_common(decision) -> dict:
    """What every certificate of ``decision`` prints alike."""
    award = decision.award_type
    return {
        "authority": head_title(decision.issuer),
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


def certificates_html(decision, certificates, layout) -> str:
    common = certificate_common(decision)
    items = [certificate_item(c) for c in certificates]
    if layout is not None and layout.kind == LayoutKind.OVERLAY:
        for item in items:
            item["fields"] = overlay_fields(layout, common, item)
        template = "awards/pdf/certificate_overlay.html"
    else:
        template = "awards/pdf/certificate_designed.html"
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


def _fund(issuer) -> str:
    if issuer.level == UnitLevel.PROVINCE:
        return "Quỹ Thi đua, khen thưởng của tỉnh"
    return f"Quỹ Thi đua, khen thưởng của {nfc(issuer.name)}"


def decision_context(decision) -> dict:
    issuer = decision.issuer
    recipients = list(
        decision.recipients.select_related("individual__unit", "unit").order_by("sort_order", "id")
    )
    award_name = nfc(decision.award_type.name)
    total = sum(r.amount for r in recipients)
    articles = [
        f"Tặng {award_name} cho {_subject_counts(recipients)} có tên trong danh sách kèm theo, "
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
            f"Chánh Văn phòng {nfc(issuer.name)}, thủ trưởng các cơ quan, đơn vị có liên quan và "
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
        "issuer": issuer_heading(issuer),
        "reference": decision.reference,
        "place_date": place_date_line(nfc(decision.place), decision.signed_date),
        "short_date": short_date(decision.signed_date),
        "award_name": award_name,
        "authority": head_title(issuer),
        "authority_title": head_title_in_text(issuer),
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
        "annex_title": f"tập thể, cá nhân được tặng {award_name}",
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


# --- Which certificates --------------------------------------------------------------

NEEDS_RENDERING = Q(file="") | Q(rendered_at__isnull=True)


def printable_certificates(decision):
    """The certificates a decision prints: valid ones of lines still in force."""
    return Certificate.objects.filter(
        recipient__decision=decision,
        recipient__revoked_at__isnull=True,
        state=CertificateState.VALID,
    )


def _in_print_order(queryset):
    return queryset.select_related("recipient__individual__unit", "recipient__unit").order_by(
        "recipient__sort_order", "recipient_id", "id"
    )


# --- The run ------------------------------------------------------------------------


def _setting(name, default):
    return getattr(settings, name, default)


def render_run(run, *, regenerate=False, processes=None, chunk_size=None):
    """Render what ``run``'s decision still needs; resume where a previous try stopped.

    ``regenerate=True`` (when the run starts) renders every valid certificate
    and the decision document again, keeping the serials and file names.
    A run already DONE only repeats its notification (which is idempotent).
    On an error the run is marked FAILED with the error, and the error is
    raised again so Celery may retry; a retry resumes.
    """
    processes = processes or _setting("CERTIFICATE_RENDER_PROCESSES", DEFAULT_PROCESSES)
    chunk_size = chunk_size or _setting("CERTIFICATE_CHUNK_SIZE", DEFAULT_CHUNK_SIZE)
    if not _begin(run, regenerate=regenerate):
        _notify_ready(run)
        return run
    try:
        with tempfile.TemporaryDirectory(prefix="certificates-") as scratch:
            chunk_files = _render_pending(run, processes, chunk_size, Path(scratch))
            merged = _write_merged(run.decision, chunk_files)
        _finish(run, merged)
    except Exception as error:
        CertificateRun.objects.filter(pk=run.pk).exclude(state=RunState.DONE).update(
            state=RunState.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
        raise
    _notify_ready(run)
    return run


def _begin(run, *, regenerate) -> bool:
    """Mark the run RUNNING and count what is left; False if it is DONE already."""
    with transaction.atomic():
        locked = CertificateRun.objects.select_for_update().get(pk=run.pk)
        if locked.state == RunState.DONE:
            run.refresh_from_db()
            return False
        decision = locked.decision
        if regenerate and locked.state == RunState.PENDING:
            printable_certificates(decision).update(rendered_at=None)
            type(decision).objects.filter(pk=decision.pk).update(document="")
        certificates = printable_certificates(decision)
        locked.total = certificates.count()
        locked.done = locked.total - certificates.filter(NEEDS_RENDERING).count()
        locked.state = RunState.RUNNING
        locked.started_at = locked.started_at or timezone.now()
        locked.finished_at = None
        locked.error = ""
        locked.save(
            update_fields=[
                "total",
                "done",
                "state",
                "started_at",
                "finished_at",
                "error",
                "updated_at",
            ]
        )
    run.refresh_from_db()
    return True


class _InProcess:
    """The pool's interface, doing each job at once in this process."""

    def submit(self, job):
        future = Future()
        future.set_result(engine.run_job(job))
        return future

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None


def _render_pending(run, processes, chunk_size, scratch: Path) -> dict[str, tuple[Path, int]]:
    """Render the decision document (if missing) and every certificate still
    needing it.  Returns where each rendered page is: serial -> (chunk file, index)."""
    decision = (
        type(run.decision)
        .objects.select_related("issuer__parent", "award_type")
        .get(pk=run.decision_id)
    )
    run.decision = decision
    layout = run.layout if run.layout_id else default_layout()
    pending = list(_in_print_order(printable_certificates(decision).filter(NEEDS_RENDERING)))
    chunks = [pending[i : i + chunk_size] for i in range(0, len(pending), chunk_size)]
    job = {"css": pdf_css(), "roots": allowed_roots()}
    use_pool = processes > 1 and len(chunks) > 1
    pages_at: dict[str, tuple[Path, int]] = {}
    with RenderPool(processes, cwd=settings.BASE_DIR) if use_pool else _InProcess() as pool:
        document = None
        if not decision.document:
            html = decision_html(decision)
            document = pool.submit({**job, "kind": "document", "html": html})
        waiting = deque()
        for index, chunk in enumerate(chunks):
            html = certificates_html(decision, chunk, layout)
            future = pool.submit({**job, "kind": "pages", "html": html, "expected": len(chunk)})
            waiting.append((index, chunk, future))
            while len(waiting) > (processes if use_pool else 0):
                _save_chunk(run, decision, *waiting.popleft(), scratch, pages_at)
        while waiting:
            _save_chunk(run, decision, *waiting.popleft(), scratch, pages_at)
        if document is not None:
            name = store(decision_file_name(decision), document.result()[0])
            type(decision).objects.filter(pk=decision.pk).update(document=name)
            decision.document.name = name
    return pages_at


def _save_chunk(run, decision, index, chunk, future, scratch, pages_at):
    pdf, *pages = future.result()
    chunk_file = scratch / f"chunk-{index:05d}.pdf"
    chunk_file.write_bytes(pdf)
    for page_index, (certificate, page) in enumerate(zip(chunk, pages, strict=True)):
        certificate.file.name = store(certificate_file_name(certificate, decision), page)
        pages_at[certificate.serial] = (chunk_file, page_index)
    now = timezone.now()
    for certificate in chunk:
        certificate.rendered_at = now
    with transaction.atomic():
        Certificate.objects.bulk_update(chunk, ["file", "rendered_at"])
        CertificateRun.objects.filter(pk=run.pk).update(done=F("done") + len(chunk))
    logger.info("Run %s: %s certificates rendered", run.pk, len(chunk))


def _write_merged(decision, pages_at) -> str:
    """The print file: every printable certificate in the decision's order.

    Pages come from this run's chunk documents, else from the previous print
    file (found by the page labels, which are the serials), else from the
    certificate's own file.
    """
    certificates = list(_in_print_order(printable_certificates(decision)))
    name = merged_file_name(decision)
    previous = {}
    previous_reader = None
    if any(c.serial not in pages_at for c in certificates) and default_storage.exists(name):
        with default_storage.open(name, "rb") as handle:
            previous_reader = PdfReader(io.BytesIO(handle.read()))
        previous = {label: i for i, label in enumerate(previous_reader.page_labels)}
    readers: dict[Path, PdfReader] = {}
    writer = PdfWriter()
    for certificate in certificates:
        serial = certificate.serial
        if serial in pages_at:
            path, index = pages_at[serial]
            if path not in readers:
                readers[path] = PdfReader(path)
            page = readers[path].pages[index]
        elif serial in previous:
            page = previous_reader.pages[previous[serial]]
        elif certificate.file:
            with certificate.file.open("rb") as handle:
                page = PdfReader(io.BytesIO(handle.read())).pages[0]
        else:  # not rendered (e.g. reissued during this run): the next run adds it
            continue
        writer.add_page(page)
        position = len(writer.pages) - 1
        writer.set_page_label(position, position, prefix=serial)
    buffer = io.BytesIO()
    writer.write(buffer)
    return store(name, buffer.getvalue())


def _finish(run, merged_name):
    with transaction.atomic():
        locked = CertificateRun.objects.select_for_update().get(pk=run.pk)
        if locked.state == RunState.DONE:
            return
        rendered = printable_certificates(locked.decision).filter(
            rendered_at__gte=locked.started_at
        )
        count = rendered.count()
        locked.state = RunState.DONE
        locked.finished_at = timezone.now()
        locked.done = locked.total
        locked.merged_file.name = merged_name
        locked.save(update_fields=["state", "finished_at", "done", "merged_file", "updated_at"])
        if count:
            log_activity(
                locked.decision,
                READY_ACTION,
                actor=locked.requested_by,
                new_state=RunState.DONE,
                note=_("Đã tạo %(count)d bằng, giấy khen.") % {"count": count},
                data={"run": locked.pk, "count": count},
            )
    run.refresh_from_db()


# --- Telling the units ----------------------------------------------------------------


def _ready_entry(run):
    return (
        ActivityLog.objects.for_object(run.decision)
        .filter(action=READY_ACTION, data__run=run.pk)
        .order_by("pk")
        .first()
    )


def officers_to_notify(run):
    """Active officers of the units (or units above them) of this run's certificates."""
    rendered = printable_certificates(run.decision).filter(rendered_at__gte=run.started_at)
    paths = set()
    for individual_path, unit_path in rendered.values_list(
        "recipient__individual__unit__path", "recipient__unit__path"
    ):
        paths.add(individual_path or unit_path or "")
    unit_ids = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    return list(
        get_user_model()
        .objects.filter(
            officer_memberships__unit_id__in=unit_ids,
            officer_memberships__is_active=True,
            is_active=True,
        )
        .distinct()
    )


def _notify_ready(run):
    """Tell the unit officers their certificates are ready: once per run (the
    log entry of the run's completion keeps a repeat from notifying twice)."""
    if run.state != RunState.DONE or run.started_at is None:
        return
    entry = _ready_entry(run)
    if entry is None:
        return
    decision = run.decision
    notify(
        officers_to_notify(run),
        activity=entry,
        title=_("Đã có bằng, giấy khen theo Quyết định số %(reference)s")
        % {"reference": decision.reference},
        body=entry.note,
        url=reverse("awards:certificate_list", args=[decision.pk]),
        email_template="awards/emails/certificates_ready",
        context={"decision": decision, "entry": entry},
    )


# --- Other ways in ------------------------------------------------------------------


def regenerate_certificates(decision, *, by=None, layout=None):
    """Render every valid certificate of ``decision`` again (e.g. after a
    template change), in the background: same serials, same file names."""
    from .certificates import start_run

    with transaction.atomic():
        printable_certificates(decision).update(rendered_at=None)
        type(decision).objects.filter(pk=decision.pk).update(document="")
        return start_run(decision, by=by, layout=layout)


def render_decision_now(decision, *, by=None, layout=None, regenerate=False):
    """Render ``decision``'s document and certificates in this process, now:
    for ``load_demo`` and other places without a worker.  Returns the run (the
    last finished one when everything is rendered already)."""
    if decision.state != DecisionState.ISSUED:
        raise ValueError("Only an issued decision has certificates to render.")
    if not regenerate:
        latest = decision.certificate_runs.filter(state=RunState.DONE).order_by("-id").first()
        pending = printable_certificates(decision).filter(NEEDS_RENDERING)
        if latest and decision.document and not pending.exists():
            return latest  # nothing to do (load_demo run twice)
    run = CertificateRun.objects.create(
        decision=decision,
        layout=layout or default_layout(),
        state=RunState.PENDING,
        requested_by=by,
    )
    return render_run(run, regenerate=regenerate)
