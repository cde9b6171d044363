"""Starting certificate rendering runs.  The rendering itself is in ``rendering``.

Only a user that ``rules.can_render_certificates`` allows (staff, an issued
decision) starts a run; the decision's row is locked while the run is recorded,
so the check holds until the run exists.

A run is a job row (:class:`common.jobs.Job`): it is queued after the
transaction that records it commits, and the common sweeper
(``common.requeue_stale_jobs``) queues it again if its worker goes silent.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import rules
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
