"""The rules the database enforces on certificates, whatever code writes the rows."""

import pytest
from django.db import IntegrityError, transaction

from awards.enums import CertificateState
from tests.factories import CertificateFactory, RecipientFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

# SQLite names the columns of a violated unique index, PostgreSQL the constraint.
SECOND_VALID_CERTIFICATE = (
    r"one_active_certificate_per_recipient"
    r"|UNIQUE constraint failed: awards_certificate\.recipient_id"
)


# --- Certificates: one valid certificate per recipient line -----------------------


def test_second_valid_certificate_for_a_recipient_is_refused():
    recipient = RecipientFactory()
    CertificateFactory(recipient=recipient)

    with pytest.raises(IntegrityError, match=SECOND_VALID_CERTIFICATE), transaction.atomic():
        CertificateFactory(recipient=recipient)

    assert recipient.certificates.count() == 1


def test_replaced_certificate_and_its_valid_successor_coexist():
    recipient = RecipientFactory()
    old = CertificateFactory(recipient=recipient, state=CertificateState.REPLACED)
    new = CertificateFactory(recipient=recipient)
    old.replaced_by = new
    old.save()

    assert list(recipient.certificates.order_by("id").values_list("state", flat=True)) == [
        CertificateState.REPLACED,
        CertificateState.VALID,
    ]
    assert new.replaces == old


def test_revoked_certificate_does_not_block_a_new_valid_one():
    recipient = RecipientFactory()
    CertificateFactory(recipient=recipient, state=CertificateState.REVOKED)
    CertificateFactory(recipient=recipient)

    assert recipient.certificates.filter(state=CertificateState.VALID).count() == 1
