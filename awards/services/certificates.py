"""Starting certificate rendering runs.  The rendering itself is in ``rendering``.

Only a user that ``rules.can_render_certificates`` allows (staff, an issued
decision) starts a run; the decision's row is locked while the run is recorded,
so the check holds until the run exists.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules
from ..enums import RunState
from ..models import AwardDecision, CertificateLayout, CertificateRun


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
    from ..tasks import render_certificates

    transaction.on_commit(lambda: render_certificates.delay(run_id=run.pk))
    return run


#: A run whose row has not moved for this long has lost its worker.
STUCK_AFTER = datetime.timedelta(minutes=15)


def requeue_stuck_runs(*, now=None):
    """Queue again the runs that are pending or running but silent.

    A run's ``updated_at`` moves with every rendered chunk; a worker that
    died (or a message Redis will only hand out again after its visibility
    timeout) leaves it still.  Rendering resumes from the rows, so a second
    delivery of a run that was merely slow costs time, not correctness.
    Returns the ids queued.
    """
    from ..tasks import render_certificates

    cutoff = (now or timezone.now()) - STUCK_AFTER
    stuck = list(
        CertificateRun.objects.filter(
            state__in=[RunState.PENDING, RunState.RUNNING], updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    for run_id in stuck:
        render_certificates.delay(run_id=run_id)
    return stuck
