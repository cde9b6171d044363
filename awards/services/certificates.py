"""Starting certificate rendering runs.  The rendering itself is in ``rendering``.

A run is a job row (:class:`common.jobs.Job`): it is queued after the
transaction that records it commits, and the common sweeper
(``common.requeue_stale_jobs``) queues it again if its worker goes silent.
"""

from ..enums import RunState
from ..models import CertificateLayout, CertificateRun
from ..tasks import render_certificates


def start_run(decision, *, by=None, layout=None):
    """Record a rendering run for ``decision`` and queue it after commit.

    The run row is what the progress bar reads and what a re-delivered task
    finds; the task itself only carries the run's id.
    """
    if layout is None:
        layout = CertificateLayout.objects.filter(is_default=True).first()
    run = CertificateRun.objects.create(
        decision=decision,
        layout=layout,
        state=RunState.PENDING,
        total=decision.recipients.filter(revoked_at__isnull=True).count(),
        requested_by=by,
    )
    render_certificates.delay(run_id=run.pk)
    return run
