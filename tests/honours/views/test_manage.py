"""The staff's and officers' pages: hide or show a person or a unit, record and withdraw
a photo consent.  The wrong user gets a 404; bad input a Vietnamese message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.models import ActivityLog
from tests.factories import OfficerMembershipFactory, PhotoConsentFactory, UnitFactory, UserFactory
from tests.factories.units import small_jpeg
from units.activity import PHOTO_CONSENT_RECORD, PUBLIC_HIDE
from units.models import PhotoConsent

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def officer(board):
    """An officer of the hospital's department (so of the hospital too)."""
    return OfficerMembershipFactory(unit=board.department).user


@pytest.fixture
def stranger():
    """An officer of a unit outside the department's branch."""
    return OfficerMembershipFactory(unit=UnitFactory(name="Công an tỉnh")).user


def photo_post(**extra):
    return {
        "photo": SimpleUploadedFile("anh.jpg", small_jpeg(), content_type="image/jpeg"),
        "basis": "Phiếu đồng ý ký ngày 20/9/2021",
        "confirm": "on",
        **extra,
    }


def test_staff_hide_a_person_with_a_reason(client, board, staff_user):
    client.force_login(staff_user)

    response = client.post(
        reverse("honours:person_visibility", kwargs={"pk": board.dat.pk}),
        {"reason": "Cá nhân đề nghị không công khai"},
    )

    assert response.status_code == 302
    board.dat.refresh_from_db()
    assert board.dat.hidden_from_public is True
    assert board.dat.hidden_reason == "Cá nhân đề nghị không công khai"
    log = ActivityLog.objects.get(action=PUBLIC_HIDE)
    assert (log.actor, log.object_id, log.note) == (
        staff_user,
        str(board.dat.pk),
        "Cá nhân đề nghị không công khai",
    )


def test_hiding_without_a_reason_is_refused_and_changes_nothing(client, board, staff_user):
    client.force_login(staff_user)

    response = client.post(
        reverse("honours:person_visibility", kwargs={"pk": board.dat.pk}), {"reason": " "}
    )

    assert response.status_code == 200
    assert "Cần ghi lý do." in response.text
    board.dat.refresh_from_db()
    assert board.dat.hidden_from_public is False


def test_an_officer_may_not_hide_and_gets_a_404(client, board, officer):
    client.force_login(officer)

    response = client.post(
        reverse("honours:person_visibility", kwargs={"pk": board.dat.pk}), {"reason": "x"}
    )

    assert response.status_code == 404
    board.dat.refresh_from_db()
    assert board.dat.hidden_from_public is False
    assert client.get(reverse("honours:unit", kwargs={"pk": board.hospital.pk})).status_code == 404


def test_staff_hide_a_unit(client, board, staff_user):
    client.force_login(staff_user)

    client.post(reverse("honours:unit", kwargs={"pk": board.hospital.pk}), {"reason": "Đơn vị mật"})

    board.hospital.refresh_from_db()
    assert board.hospital.hidden_from_public is True


def test_the_units_officer_records_a_consent_with_the_photo(client, board, officer):
    client.force_login(officer)

    response = client.post(
        reverse("honours:person_consent", kwargs={"pk": board.dat.pk}), photo_post()
    )

    assert response.status_code == 302
    consent = PhotoConsent.objects.get()
    assert (consent.individual, consent.recorded_by, consent.content_type) == (
        board.dat,
        officer,
        "image/jpeg",
    )
    assert consent.basis == "Phiếu đồng ý ký ngày 20/9/2021"
    assert ActivityLog.objects.filter(action=PHOTO_CONSENT_RECORD).count() == 1


def test_a_consent_needs_an_image(client, board, officer):
    client.force_login(officer)
    post = photo_post(photo=SimpleUploadedFile("anh.jpg", b"not an image at all"))

    response = client.post(reverse("honours:person_consent", kwargs={"pk": board.dat.pk}), post)

    assert response.status_code == 200
    assert "Chỉ chấp nhận ảnh JPEG, PNG hoặc WebP." in response.text
    assert PhotoConsent.objects.count() == 0


def test_a_consent_needs_the_confirmation(client, board, officer):
    client.force_login(officer)

    response = client.post(
        reverse("honours:person_consent", kwargs={"pk": board.dat.pk}), photo_post(confirm="")
    )

    assert "Cần xác nhận người này đã đồng ý." in response.text
    assert PhotoConsent.objects.count() == 0


def test_an_officer_of_another_branch_gets_a_404(client, board, stranger):
    client.force_login(stranger)

    assert client.get(reverse("honours:person", kwargs={"pk": board.dat.pk})).status_code == 404
    response = client.post(
        reverse("honours:person_consent", kwargs={"pk": board.dat.pk}), photo_post()
    )
    assert response.status_code == 404
    assert PhotoConsent.objects.count() == 0


def test_a_user_without_a_role_gets_a_404(client, board):
    client.force_login(UserFactory())

    assert client.get(reverse("honours:manage")).status_code == 404
    assert client.get(reverse("honours:person", kwargs={"pk": board.dat.pk})).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, board):
    response = client.get(reverse("honours:person", kwargs={"pk": board.dat.pk}))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_withdrawing_a_consent_takes_the_photo_off(client, board, officer):
    consent = PhotoConsentFactory(individual=board.dat)
    client.force_login(officer)

    client.post(
        reverse("honours:consent_withdraw", kwargs={"pk": consent.pk}),
        {"reason": "Cá nhân rút lại đồng ý"},
    )

    consent.refresh_from_db()
    assert consent.withdrawn_by == officer
    assert consent.withdrawn_reason == "Cá nhân rút lại đồng ý"
    client.logout()
    assert client.get(reverse("honours:photo", kwargs={"pk": consent.pk})).status_code == 404


def test_a_stranger_cannot_withdraw(client, board, stranger):
    consent = PhotoConsentFactory(individual=board.dat)
    client.force_login(stranger)

    response = client.post(
        reverse("honours:consent_withdraw", kwargs={"pk": consent.pk}), {"reason": "x"}
    )

    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_person_page_renders_for_staff(client, board, staff_user):
    PhotoConsentFactory(individual=board.dat)
    client.force_login(staff_user)

    response = client.get(reverse("honours:person", kwargs={"pk": board.dat.pk}))

    assert response.status_code == 200
    assert 'id="consent-in-force"' in response.text
    assert 'id="visibility-form"' in response.text
