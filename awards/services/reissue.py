"""Reissuing a certificate, e.g. after a misspelt name was corrected.

Only a user ``rules.can_reissue_certificate`` allows (staff, a valid certificate
of an issued line) reissues; the certificate's row is locked and re-read first.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from common.cache import bump
from common.models import log_activity
from units.services.publicity import PUBLIC_AWARDS

from .. import rules
from ..activity import CERTIFICATE_REISSUE
from ..enums import CertificateState, DecisionState
from ..models import Certificate
from .certificates import CertificateError, start_run

SERIAL_LENGTH = Certificate._meta.get_field("serial").max_length
_REISSUE_SUFFIX = re.compile(r"-R(\d+)$")


class ReissueError(CertificateError):
    """The certificate cannot be reissued; the message says why."""


def next_reissue_serial(serial: str) -> str:
    """ "…-003" -> "…-003-R1"; "…-003-R1" -> "…-003-R2"; never longer than 32.

    When the suffix does not fit, characters go from the start of the serial:
    its end (year, decision number, line) is what tells certificates apart.
    """
    base = _REISSUE_SUFFIX.sub("", serial)
    match = _REISSUE_SUFFIX.search(serial)
    number = int(match.group(1)) + 1 if match else 1
    while True:
        suffix = f"-R{number}"
        candidate = (base[-(SERIAL_LENGTH - len(suffix)) :] + suffix).lstrip("-")
        if not Certificate.objects.filter(serial=candidate).exists():
            return candidate
        number += 1


def reissue_certificate(certificate, *, by, reason):
    """Replace ``certificate`` with a new one (new serial, new QR token).

    The old certificate becomes REPLACED and points to the new one, whose
    verification page the old QR code leads to.  The new certificate is
    rendered by a rendering run (which also refreshes the decision's print
    file); the change is logged on the old certificate.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReissueError(_("Cần ghi lý do cấp lại."))
    with transaction.atomic():
        old = (
            Certificate.objects.select_for_update()
            .select_related("recipient__decision")
            .get(pk=certificate.pk)
        )
        decision = old.recipient.decision
        if old.state != CertificateState.VALID:
            raise ReissueError(_("Chỉ cấp lại được bằng, giấy khen còn hiệu lực."))
        if decision.state != DecisionState.ISSUED or old.recipient.revoked_at is not None:
            raise ReissueError(_("Quyết định hoặc dòng khen thưởng này đã bị thu hồi."))
        if not rules.can_reissue_certificate(by, old):
            raise ReissueError(_("Bạn không có quyền cấp lại bằng, giấy khen này."))
        old.state = CertificateState.REPLACED
        old.save(update_fields=["state", "updated_at"])
        new = Certificate.objects.create(
            recipient=old.recipient,
            serial=next_reissue_serial(old.serial),
            state=CertificateState.VALID,
        )
        old.replaced_by = new
        old.save(update_fields=["replaced_by", "updated_at"])
        log_activity(
            old,
            CERTIFICATE_REISSUE,
            actor=by,
            previous_state=CertificateState.VALID,
            new_state=CertificateState.REPLACED,
            note=reason,
            data={"serial": old.serial, "new_serial": new.serial, "new_id": new.pk},
        )
        start_run(decision, by=by)
        bump(PUBLIC_AWARDS)  # the entry's page links the valid certificate
    certificate.refresh_from_db()
    return new
