"""units/services/publicity.py: who may hide, show and record consents; refusals change nothing."""

import pytest
from django.core.files.base import ContentFile

from common.uploads import process_upload
from tests.factories import (
    IndividualFactory,
    OfficerMembershipFactory,
    PhotoConsentFactory,
    UnitFactory,
)
from tests.factories.units import small_jpeg
from units.models import PhotoConsent
from units.services.publicity import (
    PublicityError,
    record_photo_consent,
    set_public_visibility,
    withdraw_photo_consent,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def upload():
    return process_upload(ContentFile(small_jpeg(), name="anh.jpg"), allow=("image",))


def test_an_officer_may_not_hide_and_nothing_changes():
    person = IndividualFactory()
    officer = OfficerMembershipFactory(unit=person.unit).user

    with pytest.raises(PublicityError, match="không có quyền"):
        set_public_visibility(person, hidden=True, by=officer, reason="x")

    person.refresh_from_db()
    assert person.hidden_from_public is False


def test_hiding_twice_is_refused(staff_user):
    unit = UnitFactory()
    set_public_visibility(unit, hidden=True, by=staff_user, reason="Đơn vị mật")

    with pytest.raises(PublicityError, match="Đã ẩn khỏi bảng vàng từ trước."):
        set_public_visibility(unit, hidden=True, by=staff_user, reason="lần nữa")

    unit.refresh_from_db()
    assert (unit.hidden_from_public, unit.hidden_reason) == (True, "Đơn vị mật")


def test_showing_again_clears_the_reason(staff_user):
    unit = UnitFactory()
    set_public_visibility(unit, hidden=True, by=staff_user, reason="Đơn vị mật")

    set_public_visibility(unit, hidden=False, by=staff_user, reason="Hết thời hạn mật")

    unit.refresh_from_db()
    assert (unit.hidden_from_public, unit.hidden_reason) == (False, "")


def test_a_new_consent_replaces_the_one_in_force(staff_user):
    old = PhotoConsentFactory()

    new = record_photo_consent(old.individual, by=staff_user, upload=upload(), basis="Phiếu mới")

    old.refresh_from_db()
    assert old.withdrawn_at is not None
    assert list(PhotoConsent.objects.filter(withdrawn_at__isnull=True)) == [new]


def test_an_officer_of_another_unit_may_not_record_a_consent():
    person = IndividualFactory()
    stranger = OfficerMembershipFactory(unit=UnitFactory()).user

    with pytest.raises(PublicityError, match="không có quyền"):
        record_photo_consent(person, by=stranger, upload=upload(), basis="Phiếu")

    assert PhotoConsent.objects.count() == 0


def test_withdrawing_twice_is_refused(staff_user):
    consent = PhotoConsentFactory()
    withdraw_photo_consent(consent, by=staff_user, reason="Rút lại")

    with pytest.raises(PublicityError, match="đã được rút lại từ trước"):
        withdraw_photo_consent(consent, by=staff_user, reason="Rút lại lần nữa")

    consent.refresh_from_db()
    assert consent.withdrawn_reason == "Rút lại"
