"""Starting certificate rendering runs.  The rendering itself is in ``rendering``.

Only a user that ``rules.can_render_certificates`` allows (staff, an issued
decision) starts a run; the decision's row is locked while the run is recorded,
so the check holds until the run exists.

A run is a job row (:class:`common.jobs.Job`): it is queued after the
transaction that records it commits (through the task outbox, so a broker
that is down delays it and loses nothing), and the common sweeper
(``common.requeue_stale_jobs``) queues it again if its worker goes silent.
Staff need not wait for the sweep: :func:`resume_run` gives a run whose
worker is gone to a worker at once, and it renders only what is missing.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from common.models import log_activity
from common.services.jobs import remove_scratch

from .. import rules
from ..activity import CERTIFICATES_RESUME
from ..enums import RunState
from ..models import AwardDecision, CertificateLayout, CertificateRun
from ..tasks import render_certificates


class CertificateError(Exception):
    """Certificates cannot be made or changed this way; the message is shown as is."""


def lock_for_rendering(decision, *, by) -> AwardDecision:
    """The decision's row, locked and re-read, once ``by`` may render its certificates.

    Call inside ``transaction.atomic()``.
    """
    current = AwardDecision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
    if not rules.can_render_certificates(by, current):
        raise CertificateError(
            _(
                "Bạn không có quyền tạo bằng, giấy khen của quyết định này "
                "(chỉ quyết định đã ban hành)."
            )
        )
    return current


def start_run(decision, *, by, layout=None):
    """Record a rendering run for ``decision`` and queue it after commit.

    The run row is what the progress bar reads and what a re-delivered task
    finds; the task itself only carries the run's id.
    """
    with transaction.atomic():
        current = lock_for_rendering(decision, by=by)
        if layout is None:
            layout = CertificateLayout.objects.filter(is_default=True).first()
        run = CertificateRun.objects.create(
            decision=current,
            layout=layout,
            state=RunState.PENDING,
            total=current.recipients.filter(revoked_at__isnull=True).count(),
            requested_by=by,
        )
    render_certificates.delay(run_id=run.pk)
    return run


def resume_run(run, *, by):
    """Give ``run``, whose worker is gone, to a worker again now; returns the run.

    Under the locks of the decision and the run, ``by`` must be allowed
    (``rules.can_resume_certificate_run``) and the run still silent: a run that
    is alive, finished or failed is refused with a ``CertificateError`` and
    nothing changes.  The run goes back to PENDING, the scratch folder its
    worker left is removed, and the task renders only the certificates still
    without a file.
    """
    with transaction.atomic():
        lock_for_rendering(run.decision, by=by)
        locked = (
            CertificateRun.objects.select_for_update().select_related("decision").get(pk=run.pk)
        )
        if not rules.can_resume_certificate_run(by, locked):
            raise CertificateError(
                _(
                    "Lượt tạo bằng, giấy khen này vẫn đang chạy hoặc đã kết thúc: "
                    "không cần tiếp tục."
                )
            )
        previous = locked.state
        locked.state = RunState.PENDING
        locked.save(update_fields=["state", "updated_at"])
        remove_scratch(locked)
        log_activity(
            locked.decision,
            CERTIFICATES_RESUME,
            actor=by,
            previous_state=previous,
            new_state=locked.state,
            note=_("Đã tạo %(done)d/%(total)d; tạo tiếp phần còn thiếu.")
            % {"done": locked.done, "total": locked.total},
            data={"run": locked.pk},
        )
        render_certificates.delay(run_id=locked.pk)
    return locked
