"""Reissuing a certificate: only staff, only a valid certificate of an issued line."""

import pytest

from awards.activity import CERTIFICATE_REISSUE
from awards.enums import CertificateState, DecisionState
from awards.models import Certificate, CertificateRun
from awards.services.reissue import ReissueError, next_reissue_serial, reissue_certificate
from common.models import ActivityLog
from tests.factories import (
    AwardDecisionFactory,
    CertificateFactory,
    CouncilMembershipFactory,
    OfficerMembershipFactory,
    RecipientFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def certificate():
    decision = AwardDecisionFactory(state=DecisionState.ISSUED, number=12)
    line = RecipientFactory(decision=decision)
    return CertificateFactory(recipient=line, serial="UBND-2021-0012-001")


def snapshot():
    return {
        "certificates": list(Certificate.objects.order_by("pk").values()),
        "runs": CertificateRun.objects.count(),
        "log": ActivityLog.objects.count(),
    }


def test_staff_reissue_replaces_the_certificate_and_logs_it(certificate, staff_user):
    new = reissue_certificate(certificate, by=staff_user, reason="Sửa tên viết sai")

    assert certificate.state == CertificateState.REPLACED
    assert certificate.replaced_by == new
    assert new.serial == "UBND-2021-0012-001-R1"
    entry = ActivityLog.objects.for_object(certificate).get()
    assert (entry.action, entry.note) == (CERTIFICATE_REISSUE, "Sửa tên viết sai")
    assert CertificateRun.objects.filter(decision=certificate.recipient.decision).count() == 1


@pytest.mark.parametrize("role", ["officer", "council member"])
def test_reissue_by_a_non_staff_user_is_refused_and_changes_nothing(certificate, role):
    if role == "officer":
        user = OfficerMembershipFactory(unit=certificate.recipient.individual.unit).user
    else:
        user = CouncilMembershipFactory().user
    before = snapshot()

    with pytest.raises(ReissueError, match="không có quyền cấp lại"):
        reissue_certificate(certificate, by=user, reason="Sửa tên viết sai")

    assert snapshot() == before
    assert next_reissue_serial(certificate.serial) == "UBND-2021-0012-001-R1"  # not taken


def test_a_replaced_certificate_is_not_reissued_again(certificate, staff_user):
    reissue_certificate(certificate, by=staff_user, reason="Sửa tên viết sai")
    before = snapshot()
    with pytest.raises(ReissueError, match="còn hiệu lực"):
        reissue_certificate(certificate, by=staff_user, reason="Lần nữa")
    assert snapshot() == before
