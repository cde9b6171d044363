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
  per core; see ``common.pdf.pool``) while this process builds the next
  chunk's HTML, stores finished files and commits progress, in order.  The
  rendering processes only turn HTML into PDF bytes: they never touch the
  database or the storage, and they end when this process ends, so a lost
  process loses nothing but time.  A small run renders in this process.
* At the end the print file (all valid certificates of the decision, in the
  order of the decision's list) is assembled from the chunk documents; pages
  this run did not render come from the previous print file, or else from
  the certificate's own file.  Each page is labelled with the serial.
* While it works the run's heartbeat moves every few seconds
  (``common.services.jobs.beating``), and the chunk documents live in the
  run's scratch folder (``Job.scratch_path``), emptied when a run starts or
  resumes and removed when it ends: a killed worker's folder does not outlive
  the resume or the sweep.
"""

import io
import logging
import re
from collections import deque
from concurrent.futures import Future
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from common.models import ActivityLog, log_activity
from common.notifications import notify
from common.pdf import engine
from common.pdf.pool import RenderPool
from common.pdf.storage import store
from common.pdf.stylesheet import allowed_roots
from common.services.jobs import beating, scratch_folder
from common.storage import open_stored
from common.text import fold

from ..enums import CertificateState, DecisionState, RunState
from ..models import Certificate, CertificateLayout, CertificateRun
from ..pdf.content import certificates_html, decision_html, pdf_css
from .certificates import lock_for_rendering, start_run

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 100
DEFAULT_PROCESSES = 2
READY_ACTION = "certificates.ready"

# --- Where files go ----------------------------------------------------------------


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", fold(text)).strip("-") or "x"


def certificate_file_name(certificate, decision) -> str:
    return f"certificates/{decision.pk}/{_safe(certificate.serial)}.pdf"


def decision_file_name(decision) -> str:
    return f"decisions/{decision.pk}/quyet-dinh-{_safe(decision.reference)}.pdf"


def merged_file_name(decision) -> str:
    return f"certificate-runs/{decision.pk}/{_safe(decision.reference)}-tat-ca.pdf"


def default_layout():
    return CertificateLayout.objects.filter(is_default=True).prefetch_related("fields").first()


# --- Which certificates --------------------------------------------------------------

NEEDS_RENDERING = Q(file="") | Q(rendered_at__isnull=True)


def printable_certificates(decision):
    """The certificates a decision prints: valid ones of lines still in force."""
    return Certificate.objects.filter(
        recipient__decision=decision,
        recipient__revoked_at__isnull=True,
        state=CertificateState.VALID,
    )


def in_print_order(queryset):
    return queryset.select_related("recipient__individual__unit", "recipient__unit").order_by(
        "recipient__sort_order", "recipient_id", "id"
    )


# --- The run ------------------------------------------------------------------------


def render_settings() -> tuple[int, int]:
    """(rendering processes, certificates per chunk): settings
    CERTIFICATE_RENDER_PROCESSES and CERTIFICATE_CHUNK_SIZE, or the defaults."""
    return (
        getattr(settings, "CERTIFICATE_RENDER_PROCESSES", DEFAULT_PROCESSES),
        getattr(settings, "CERTIFICATE_CHUNK_SIZE", DEFAULT_CHUNK_SIZE),
    )


def render_run(run, *, regenerate=False, processes=None, chunk_size=None):
    """Render what ``run``'s decision still needs; resume where a previous try stopped.

    ``regenerate=True`` (when the run starts) renders every valid certificate
    and the decision document again, keeping the serials and file names.
    A run already DONE only repeats its notification (which is idempotent).
    On an error the run is marked FAILED with the error, and the error is
    raised again so Celery may retry; a retry resumes.
    """
    default_processes, default_chunk_size = render_settings()
    processes = processes or default_processes
    chunk_size = chunk_size or default_chunk_size
    if not _begin(run, regenerate=regenerate):
        _notify_ready(run)
        return run
    try:
        with beating(run), scratch_folder(run) as scratch:
            chunk_files = _render_pending(run, processes, chunk_size, scratch)
            merged = _write_merged(run.decision, chunk_files)
        _finish(run, merged)
    except Exception as error:
        CertificateRun.objects.filter(pk=run.pk).mark_failed(error)
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
    pending = list(in_print_order(printable_certificates(decision).filter(NEEDS_RENDERING)))
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
        CertificateRun.objects.filter(pk=run.pk).update(done=F("done") + len(chunk), updated_at=now)
    logger.info("Run %s: %s certificates rendered", run.pk, len(chunk))


def _write_merged(decision, pages_at) -> str:
    """The print file: every printable certificate in the decision's order.

    Pages come from this run's chunk documents, else from the previous print
    file (found by the page labels, which are the serials), else from the
    certificate's own file.
    """
    certificates = list(in_print_order(printable_certificates(decision)))
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
            with open_stored(certificate.file) as handle:
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
            log_activity(  # done by the system, not by who asked for the run
                locked.decision,
                READY_ACTION,
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


def regenerate_certificates(decision, *, by, layout=None):
    """Render every valid certificate of ``decision`` again (e.g. after a
    template change), in the background: same serials, same file names.
    Only a user ``rules.can_render_certificates`` allows; others get a
    ``CertificateError`` and nothing changes."""
    with transaction.atomic():
        lock_for_rendering(decision, by=by)
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
