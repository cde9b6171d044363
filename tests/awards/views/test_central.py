"""Pages of the central submissions: who reaches them, what they do, what they cost."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from awards.enums import CentralOutcome, NominationState, RunState, SubmissionState
from awards.models import CentralPackage, CentralSubmission
from awards.services.central import send_central_submission
from tests.awards.conftest import central_draft
from tests.factories import CentralSubmissionFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SENT_ON = datetime.date(2025, 10, 20)


def sent(world, *nominations):
    submission = central_draft(world, *nominations)
    send_central_submission(submission, by=world.staff, letter_date=SENT_ON)
    return submission


def pages(submission):
    """Every page of a submission: (method, url)."""
    pk = submission.pk
    line = submission.lines.first()
    result = submission.results.first()
    urls = [
        ("get", reverse("awards:central_list")),
        ("get", reverse("awards:central_create")),
        ("get", reverse("awards:central_detail", args=[pk])),
        ("get", reverse("awards:central_edit", args=[pk])),
        ("get", reverse("awards:central_add", args=[pk])),
        ("post", reverse("awards:central_send", args=[pk])),
        ("get", reverse("awards:central_result", args=[pk])),
        ("post", reverse("awards:central_package_build", args=[pk])),
        ("get", reverse("awards:central_package_progress", args=[pk])),
        ("post", reverse("awards:central_package_resume", args=[pk])),
        ("get", reverse("awards:central_package_download", args=[pk])),
    ]
    if line:
        urls.append(("post", reverse("awards:central_remove", args=[pk, line.pk])))
    if result:
        urls.append(("get", reverse("awards:central_result_document", args=[pk, result.pk])))
    return urls


@pytest.mark.parametrize("who", ["officer", "council"])
def test_every_page_is_404_for_officers_and_council_members(client, central_world, who):
    submission = central_draft(central_world, central_world.nurse)
    client.force_login(getattr(central_world, who))

    statuses = {url: getattr(client, method)(url).status_code for method, url in pages(submission)}

    assert set(statuses.values()) == {404}
    assert submission.lines.count() == 1


def test_every_page_sends_anonymous_users_to_login(client, central_world):
    submission = central_draft(central_world, central_world.nurse)

    statuses = {getattr(client, method)(url).status_code for method, url in pages(submission)}

    assert statuses == {302}


def test_list_queries_do_not_grow_with_rows(client, central_world, django_assert_num_queries):
    client.force_login(central_world.staff)
    central_draft(central_world, central_world.nurse)
    client.get(reverse("awards:central_list"))
    with django_assert_num_queries(3):
        one = client.get(reverse("awards:central_list"))
    CentralSubmissionFactory.create_batch(2, issuer=central_world.province)
    with django_assert_num_queries(3):
        three = client.get(reverse("awards:central_list"))

    assert (len(one.context["page"]), len(three.context["page"])) == (1, 3)


def test_create_then_add_then_send(client, central_world):
    client.force_login(central_world.staff)

    created = client.post(
        reverse("awards:central_create"),
        {
            "issuer": central_world.province.pk,
            "addressee": "prime_minister",
            "signer_authority": "TM. ỦY BAN NHÂN DÂN",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Trần Ngọc Tam",
        },
    )
    submission = CentralSubmission.objects.get()
    add_page = client.get(reverse("awards:central_add", args=[submission.pk]))
    client.post(
        reverse("awards:central_add", args=[submission.pk]),
        {"ids": [central_world.nurse.pk, central_world.provincial.pk]},
    )
    client.post(reverse("awards:central_send", args=[submission.pk]), {"letter_date": "2025-10-20"})

    submission.refresh_from_db()
    assert created.url == reverse("awards:central_add", args=[submission.pk])
    assert sorted(n.pk for n in add_page.context["page"]) == sorted(
        [central_world.nurse.pk, central_world.collective.pk]
    )
    assert [line.nomination for line in submission.lines.all()] == [central_world.nurse]
    assert (submission.reference, submission.state) == ("1/TTr-UBND", SubmissionState.SENT)


def test_add_filters_by_name(client, central_world):
    submission = central_draft(central_world)
    client.force_login(central_world.staff)

    page = client.get(reverse("awards:central_add", args=[submission.pk]), {"q": "ngoc hang"})

    assert list(page.context["page"]) == [central_world.nurse]


def pdf_file():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("QĐ 1234.pdf", buffer.getvalue(), content_type="application/pdf")


def test_record_result_with_upload_awards_the_nomination(client, central_world):
    submission = sent(central_world, central_world.nurse, central_world.collective)
    nurse = submission.lines.get(nomination=central_world.nurse)
    ward = submission.lines.get(nomination=central_world.collective)
    client.force_login(central_world.staff)

    response = client.post(
        reverse("awards:central_result", args=[submission.pk]),
        {
            "decision_number": "1234/QĐ-TTg",
            "decision_date": "2025-12-01",
            "issuer": "Thủ tướng Chính phủ",
            "document": pdf_file(),
            f"outcome_{nurse.pk}": CentralOutcome.AWARDED,
            f"reason_{nurse.pk}": "",
            f"outcome_{ward.pk}": CentralOutcome.PENDING,
            f"reason_{ward.pk}": "",
        },
    )

    central_world.nurse.refresh_from_db()
    submission.refresh_from_db()
    result = submission.results.get()
    document = client.get(
        reverse("awards:central_result_document", args=[submission.pk, result.pk])
    )
    assert response.status_code == 302
    assert (central_world.nurse.state, submission.state) == (
        NominationState.AWARDED,
        SubmissionState.PARTLY,
    )
    assert b"".join(document.streaming_content)[:5] == b"%PDF-"


def test_record_result_with_a_non_pdf_refused_nothing_changed(client, central_world):
    submission = sent(central_world, central_world.nurse)
    line = submission.lines.get()
    client.force_login(central_world.staff)

    response = client.post(
        reverse("awards:central_result", args=[submission.pk]),
        {
            "decision_number": "1234/QĐ-TTg",
            "decision_date": "2025-12-01",
            "issuer": "Thủ tướng Chính phủ",
            "document": SimpleUploadedFile("qd.pdf", b"not a pdf", content_type="application/pdf"),
            f"outcome_{line.pk}": CentralOutcome.AWARDED,
        },
    )

    line.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [
        "Nội dung tệp không khớp với phần mở rộng “.pdf”. Chỉ chấp nhận tệp PDF."
    ]
    assert (line.outcome, submission.results.count()) == (CentralOutcome.PENDING, 0)


def test_nomination_page_tells_the_officer_it_was_forwarded(client, central_world):
    sent(central_world, central_world.nurse)
    client.force_login(central_world.officer)

    page = client.get(reverse("awards:nomination_detail", args=[central_world.nurse.pk]))

    text = " ".join(page.content.decode().split())
    assert "Đã trình Thủ tướng Chính phủ tại Tờ trình số 1/TTr-UBND ngày 20/10/2025." in text
    assert reverse("awards:central_detail", args=[1]) not in text


def test_package_download_for_staff_once_done(
    client, central_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = sent(central_world, central_world.nurse)
    client.force_login(central_world.staff)

    response = client.get(reverse("awards:central_package_download", args=[submission.pk]))

    assert response["Content-Disposition"] == 'attachment; filename="Ho-so-trinh-1-Ttr-Ubnd.zip"'
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_stale_package_resumed_from_the_page(client, central_world, settings):
    submission = sent(central_world, central_world.nurse)
    package = CentralPackage.objects.get()
    CentralPackage.objects.filter(pk=package.pk).update(
        state=RunState.RUNNING, updated_at=package.updated_at - datetime.timedelta(hours=1)
    )
    client.force_login(central_world.staff)
    detail = client.get(reverse("awards:central_detail", args=[submission.pk]))

    client.post(reverse("awards:central_package_resume", args=[submission.pk]))

    package.refresh_from_db()
    assert (detail.context["stuck"], detail.context["can_resume"]) == (True, True)
    assert package.state == RunState.PENDING


def test_package_on_object_storage_holds_the_dossiers_read_from_the_bucket(
    s3_bucket, client, central_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the package task runs, eagerly
        submission = sent(central_world, central_world.nurse)
    package = CentralPackage.objects.get()
    dossier = central_world.nurse.files.get()
    client.force_login(central_world.staff)

    response = client.get(reverse("awards:central_package_download", args=[submission.pk]))

    body = b"".join(response.streaming_content)
    assert package.state == RunState.DONE
    assert s3_bucket.keys() == sorted([dossier.file.name, package.letter.name, package.file.name])
    assert body == s3_bucket.read(package.file.name)
    archive = zipfile.ZipFile(io.BytesIO(body))
    [stored] = [name for name in archive.namelist() if name.endswith(".pdf") and "/" in name]
    assert archive.read(stored) == b"%PDF-1.4 test" == s3_bucket.read(dossier.file.name)
    client.force_login(central_world.officer)
    assert (
        client.get(reverse("awards:central_package_download", args=[submission.pk])).status_code
        == 404
    )
