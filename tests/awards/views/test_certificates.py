"""Certificate pages: the list, the progress bar, downloads and who may have them, reissue."""

import datetime
import io
import zipfile

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.enums import CertificateState, RunState
from awards.models import Certificate, CertificateRun
from awards.services.certificates import start_run
from awards.services.reissue import next_reissue_serial
from awards.services.rendering import (
    certificate_file_name,
    decision_file_name,
    merged_file_name,
)
from common.models import ActivityLog
from tests.awards.conftest import NAME, make_decision, render
from tests.factories import (
    CertificateFactory,
    CouncilMembershipFactory,
    OfficerMembershipFactory,
    RecipientFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def world(staff_user):
    world = make_decision()
    world.staff = staff_user
    world.health_officer = OfficerMembershipFactory(
        unit=world.health, user=UserFactory(username="yte")
    ).user
    world.police_officer = OfficerMembershipFactory(
        unit=world.police, user=UserFactory(username="congan")
    ).user
    world.outsider = OfficerMembershipFactory(unit=UnitFactory(), user=UserFactory()).user
    world.council = CouncilMembershipFactory(user=UserFactory(username="hoidong")).user
    return world


@pytest.fixture
def rendered(world):
    world.run = render(world.decision)
    return world


def url(name, obj):
    return reverse(f"awards:{name}", args=[obj.pk])


def get_as(client, user, path):
    client.force_login(user)
    return client.get(path)


def zip_names(response):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return archive, archive.namelist()


def pdf_labels(response):
    return PdfReader(io.BytesIO(b"".join(response.streaming_content))).page_labels


# --- The list and the progress bar ---------------------------------------------------------


def test_staff_list_shows_every_certificate_downloads_and_reissue(client, rendered):
    response = get_as(client, rendered.staff, url("certificate_list", rendered.decision))

    html = response.content.decode()
    assert response.status_code == 200
    for certificate in rendered.certificates:
        assert certificate.serial in html
        assert url("certificate_pdf", certificate) in html
        assert url("certificate_reissue", certificate) in html
    assert url("certificates_zip", rendered.decision) in html
    assert url("certificates_pdf", rendered.decision) in html
    assert url("decision_document", rendered.decision) in html
    assert "hx-trigger" not in html  # the run is done: nothing to poll
    assert 'value="3"' in html and 'max="3"' in html


def test_officers_see_only_the_certificates_of_their_units(client, rendered):
    nurse, police, ward = rendered.certificates
    html = get_as(
        client, rendered.health_officer, url("certificate_list", rendered.decision)
    ).content.decode()
    assert nurse.serial in html and ward.serial in html
    assert police.serial not in html
    assert url("certificate_reissue", nurse) not in html

    html = get_as(
        client, rendered.police_officer, url("certificate_list", rendered.decision)
    ).content.decode()
    assert police.serial in html
    assert nurse.serial not in html and ward.serial not in html


def test_progress_partial_polls_while_running_and_stops_when_done(client, world):
    run = CertificateRun.objects.create(
        decision=world.decision, state=RunState.RUNNING, total=3, done=1
    )
    progress = url("certificate_progress", world.decision)

    html = get_as(client, world.staff, progress).content.decode()
    assert f'hx-get="{progress}"' in html
    assert 'hx-trigger="every 1s"' in html
    assert '<progress class="w-100"' in html and 'value="1"' in html and 'max="3"' in html
    assert "style=" not in html  # the CSP allows no inline style
    assert url("certificates_zip", world.decision) not in html

    run.state, run.done = RunState.DONE, 3
    run.save()
    html = client.get(progress).content.decode()
    assert "hx-get" not in html and "hx-trigger" not in html
    assert url("certificates_zip", world.decision) in html

    run.state, run.error = RunState.FAILED, "OSError: disk full"
    run.save()
    html = client.get(progress).content.decode()
    assert "hx-trigger" not in html
    assert "OSError: disk full" in html
    assert url("certificate_render", world.decision) in html  # the "Tạo lại" button


def test_list_queries_do_not_grow_with_the_number_of_certificates(client, world):
    client.force_login(world.staff)
    path = url("certificate_list", world.decision)
    client.get(path)
    cache.clear()  # measured cold: nothing cached between the two
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for index in range(10):
        line = RecipientFactory(decision=world.decision, sort_order=10 + index)
        CertificateFactory(recipient=line)
    cache.clear()  # measured cold: nothing cached between the two
    with CaptureQueriesContext(connection) as many:
        response = client.get(path)
    assert response.content.decode().count('<tr id="certificate-') == 13
    assert (len(few), len(many)) == (11, 11)


# --- Downloads and permissions ---------------------------------------------------------------


def test_one_certificate_pdf_for_staff_council_and_the_units_officer_only(client, rendered):
    nurse, police, _ward = rendered.certificates
    for user in (rendered.staff, rendered.council, rendered.health_officer):
        response = get_as(client, user, url("certificate_pdf", nurse))
        assert response.status_code == 200, user
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert get_as(client, rendered.police_officer, url("certificate_pdf", nurse)).status_code == 404
    assert (
        get_as(client, rendered.health_officer, url("certificate_pdf", police)).status_code == 404
    )
    assert get_as(client, rendered.outsider, url("certificate_pdf", nurse)).status_code == 404


def test_zip_has_one_file_per_recipient_numbered_as_in_the_decision(client, rendered):
    response = get_as(client, rendered.staff, url("certificates_zip", rendered.decision))

    assert response["Content-Type"] == "application/zip"
    assert 'filename="Bang-giay-khen-123-QD-UBND.zip"' in response["Content-Disposition"]
    archive, names = zip_names(response)
    assert names == [
        "001-Nguyen-Thi-Ngoc-Hang.pdf",
        "002-Tran-Van-Dat.pdf",
        "003-Khoa-Hoi-Suc-Tich-Cuc-Chong-Doc.pdf",
    ]
    nurse = Certificate.objects.get(pk=rendered.certificates[0].pk)
    with nurse.file.open("rb") as stored:
        assert archive.read(names[0]) == stored.read()
    assert NAME in PdfReader(io.BytesIO(archive.read(names[0]))).pages[0].extract_text()


def test_officers_zip_and_print_file_hold_their_lines_only(client, rendered):
    nurse, police, ward = rendered.certificates
    zip_url = url("certificates_zip", rendered.decision)
    pdf_url = url("certificates_pdf", rendered.decision)

    _, names = zip_names(get_as(client, rendered.health_officer, zip_url))
    assert names == ["001-Nguyen-Thi-Ngoc-Hang.pdf", "003-Khoa-Hoi-Suc-Tich-Cuc-Chong-Doc.pdf"]
    assert pdf_labels(client.get(pdf_url)) == [nurse.serial, ward.serial]

    _, names = zip_names(get_as(client, rendered.police_officer, zip_url))
    assert names == ["002-Tran-Van-Dat.pdf"]
    assert pdf_labels(client.get(pdf_url)) == [police.serial]

    for path in (zip_url, pdf_url, url("decision_document", rendered.decision)):
        assert get_as(client, rendered.outsider, path).status_code == 404


def test_staff_print_file_is_the_runs_merged_file(client, rendered):
    response = get_as(client, rendered.staff, url("certificates_pdf", rendered.decision))

    assert response.status_code == 200
    assert pdf_labels(response) == [c.serial for c in rendered.certificates]


def test_decision_document_for_staff_and_the_officers_concerned(client, rendered):
    path = url("decision_document", rendered.decision)
    for user in (
        rendered.staff,
        rendered.council,
        rendered.health_officer,
        rendered.police_officer,
    ):
        response = get_as(client, user, path)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_nothing_without_login(client, rendered):
    for path in (
        url("certificate_list", rendered.decision),
        url("certificate_progress", rendered.decision),
        url("certificates_zip", rendered.decision),
        url("certificates_pdf", rendered.decision),
        url("decision_document", rendered.decision),
        url("certificate_pdf", rendered.certificates[0]),
        url("certificate_reissue", rendered.certificates[0]),
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_draft_decisions_are_hidden_from_officers(client, world):
    world.decision.state = "draft"
    world.decision.save()
    path = url("certificate_list", world.decision)
    assert get_as(client, world.health_officer, path).status_code == 404
    assert get_as(client, world.staff, path).status_code == 200


# --- Rendering again ----------------------------------------------------------------------


def test_staff_restart_rendering_and_regenerate_everything(
    client, rendered, django_capture_on_commit_callbacks
):
    path = url("certificate_render", rendered.decision)
    before = dict(
        Certificate.objects.filter(recipient__decision=rendered.decision).values_list(
            "pk", "rendered_at"
        )
    )
    client.force_login(rendered.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"regenerate": "1"})

    assert response.status_code == 302
    run = CertificateRun.objects.filter(decision=rendered.decision).latest("id")
    assert run.pk != rendered.run.pk
    assert (run.state, run.done, run.requested_by) == (RunState.DONE, 3, rendered.staff)
    for pk, rendered_at in Certificate.objects.filter(
        recipient__decision=rendered.decision
    ).values_list("pk", "rendered_at"):
        assert rendered_at > before[pk]


def test_no_second_run_while_one_is_running_and_officers_cannot_start_one(client, world):
    CertificateRun.objects.create(decision=world.decision, state=RunState.RUNNING, total=3)
    path = url("certificate_render", world.decision)

    client.force_login(world.staff)
    client.post(path)
    assert CertificateRun.objects.filter(decision=world.decision).count() == 1

    client.force_login(world.health_officer)
    assert client.post(path).status_code == 404


# --- A run whose worker was killed ----------------------------------------------------------


def killed_half_way(world, seconds_silent=120):
    """The rendered decision as a worker killed after the first certificate leaves it:
    the run RUNNING with an old heartbeat and done=1, the other two certificates without
    a file, and the chunk document it was writing in its scratch folder."""
    run = world.run
    for certificate in world.certificates[1:]:
        certificate.refresh_from_db()
        certificate.file.delete(save=False)
        Certificate.objects.filter(pk=certificate.pk).update(file="", rendered_at=None)
    CertificateRun.objects.filter(pk=run.pk).update(
        state=RunState.RUNNING,
        done=1,
        finished_at=None,
        updated_at=timezone.now() - datetime.timedelta(seconds=seconds_silent),
    )
    run.refresh_from_db()
    run.scratch_path().mkdir(parents=True)
    (run.scratch_path() / "chunk-00000.pdf").write_bytes(b"%PDF-1.7 half written")
    return run


@pytest.fixture
def scratch_root(settings, tmp_path):
    settings.JOB_SCRATCH_ROOT = tmp_path / "scratch"
    return settings.JOB_SCRATCH_ROOT


def test_a_run_whose_worker_was_killed_is_shown_stopped_and_resumes_only_the_missing(
    client, rendered, scratch_root, django_capture_on_commit_callbacks
):
    run = killed_half_way(rendered)
    kept = Certificate.objects.get(pk=rendered.certificates[0].pk)
    kept_bytes = kept.file.read()
    client.force_login(rendered.staff)

    html = client.get(url("certificate_list", rendered.decision)).content.decode()
    assert "Đang dừng: tiến trình tạo bằng không còn chạy" in html
    assert url("certificate_resume", rendered.decision) in html
    assert url("certificate_render", rendered.decision) not in html  # resumed, not restarted

    resumed_at = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("certificate_resume", rendered.decision))

    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.state, run.done, run.total) == (RunState.DONE, 3, 3)
    assert CertificateRun.objects.filter(decision=rendered.decision).count() == 1
    certificates = Certificate.objects.filter(recipient__decision=rendered.decision)
    # Only the two missing certificates were made; the first kept its file and time.
    assert certificates.filter(rendered_at__gte=resumed_at).count() == 2
    assert Certificate.objects.get(pk=kept.pk).rendered_at == kept.rendered_at
    kept.refresh_from_db()
    assert kept.file.read() == kept_bytes
    assert all(c.file and c.file.storage.exists(c.file.name) for c in certificates)
    assert not run.scratch_path().exists()
    assert list(scratch_root.iterdir()) == []
    entry = ActivityLog.objects.for_object(rendered.decision).get(action="certificates.resume")
    assert (entry.actor, entry.previous_state, entry.new_state) == (
        rendered.staff,
        RunState.RUNNING,
        RunState.PENDING,
    )
    html = client.get(url("certificate_list", rendered.decision)).content.decode()
    assert "Đang dừng" not in html


def test_a_run_still_beating_is_not_resumed(client, rendered, scratch_root):
    run = killed_half_way(rendered, seconds_silent=10)
    client.force_login(rendered.staff)

    html = client.get(url("certificate_list", rendered.decision)).content.decode()
    response = client.post(url("certificate_resume", rendered.decision), follow=True)

    assert "Đang dừng" not in html
    assert url("certificate_resume", rendered.decision) not in html
    assert [str(m) for m in response.context["messages"]] == [
        "Lượt tạo bằng, giấy khen này vẫn đang chạy hoặc đã kết thúc: không cần tiếp tục."
    ]
    before = (run.state, run.done, run.updated_at)
    run.refresh_from_db()
    assert (run.state, run.done, run.updated_at) == before
    assert run.scratch_path().exists()
    assert not ActivityLog.objects.filter(action="certificates.resume").exists()


def test_only_staff_resume_a_stopped_run_others_get_404(client, rendered, scratch_root):
    run = killed_half_way(rendered)
    path = url("certificate_resume", rendered.decision)

    statuses = []
    for user in (rendered.health_officer, rendered.council, rendered.outsider):
        client.force_login(user)
        statuses.append(client.post(path).status_code)
        html = client.get(url("certificate_list", rendered.decision)).content.decode()
        assert path not in html

    assert statuses == [404, 404, 404]
    before = (run.state, run.updated_at)
    run.refresh_from_db()
    assert (run.state, run.updated_at) == before
    assert not ActivityLog.objects.filter(action="certificates.resume").exists()


def test_restarting_beside_a_stopped_run_is_refused(client, rendered, scratch_root):
    killed_half_way(rendered)
    client.force_login(rendered.staff)

    response = client.post(url("certificate_render", rendered.decision), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Lượt tạo bằng, giấy khen trước đang dừng: bấm “Tiếp tục” để tạo nốt phần còn thiếu."
    ]
    assert CertificateRun.objects.filter(decision=rendered.decision).count() == 1


# --- Reissue -----------------------------------------------------------------------------------


def test_staff_reissue_a_certificate(client, rendered, django_capture_on_commit_callbacks):
    old = rendered.certificates[0]
    path = url("certificate_reissue", old)
    client.force_login(rendered.staff)
    assert client.get(path).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"reason": "Sửa tên viết sai"})

    assert response.status_code == 302
    assert response["Location"] == url("certificate_list", rendered.decision)
    old.refresh_from_db()
    new = old.replaced_by
    assert old.state == CertificateState.REPLACED
    assert (new.serial, new.state, new.recipient_id) == (
        "UBND-BT-2021-0123-001-R1",
        CertificateState.VALID,
        old.recipient_id,
    )
    assert new.token != old.token
    assert NAME in PdfReader(new.file.open("rb")).pages[0].extract_text()  # rendered by its run
    assert Certificate.objects.filter(recipient=old.recipient, state="valid").count() == 1
    entry = ActivityLog.objects.get(action="certificate.reissue")
    assert (entry.actor, entry.note, entry.previous_state, entry.new_state) == (
        rendered.staff,
        "Sửa tên viết sai",
        CertificateState.VALID,
        CertificateState.REPLACED,
    )
    assert entry.data["new_serial"] == new.serial
    run = CertificateRun.objects.filter(decision=rendered.decision).latest("id")
    with run.merged_file.open("rb") as handle:  # the print file now has the new one
        assert PdfReader(handle).page_labels == [
            new.serial,
            rendered.certificates[1].serial,
            rendered.certificates[2].serial,
        ]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("certificate_reissue", new), {"reason": "Lần nữa"})
    new.refresh_from_db()
    assert new.replaced_by.serial == "UBND-BT-2021-0123-001-R2"


def test_reissue_needs_a_reason_and_a_valid_certificate(client, world):
    old = world.certificates[0]
    client.force_login(world.staff)

    response = client.post(url("certificate_reissue", old), {"reason": "  "})
    assert response.status_code == 200
    assert Certificate.objects.filter(recipient=old.recipient).count() == 1

    old.state = CertificateState.REVOKED
    old.revoked_at = timezone.now()
    old.save()
    response = client.post(url("certificate_reissue", old), {"reason": "Sửa tên"}, follow=True)
    assert "Chỉ cấp lại được bằng, giấy khen còn hiệu lực." in response.content.decode()
    assert Certificate.objects.filter(recipient=old.recipient).count() == 1


def test_only_staff_reissue(client, world):
    path = url("certificate_reissue", world.certificates[0])
    for user in (world.health_officer, world.council):
        client.force_login(user)
        assert client.get(path).status_code == 404
        assert client.post(path, {"reason": "x"}).status_code == 404
    assert Certificate.objects.count() == 3


def test_reissue_serials_stay_within_32_characters(world):
    longest = "UBND-TINH-BEN-TRE-2021-0012-003"
    assert next_reissue_serial(longest) == "ND-TINH-BEN-TRE-2021-0012-003-R1"
    assert len(next_reissue_serial(longest)) == 32
    assert next_reissue_serial("BT-2021-001-R9") == "BT-2021-001-R10"


# --- On object storage (S3), as with several hosts ----------------------------------------


def test_run_on_object_storage_stores_every_file_in_the_bucket_and_serves_it_after_the_check(
    s3_bucket, client, world, django_capture_on_commit_callbacks
):
    decision = world.decision
    with django_capture_on_commit_callbacks(execute=True):  # the task runs, eagerly
        run = start_run(decision, by=world.staff)

    run.refresh_from_db()
    decision.refresh_from_db()
    nurse, police, ward = (Certificate.objects.get(pk=c.pk) for c in world.certificates)
    assert run.state == RunState.DONE
    assert s3_bucket.keys() == sorted(
        [
            certificate_file_name(nurse, decision),
            certificate_file_name(police, decision),
            certificate_file_name(ward, decision),
            decision_file_name(decision),
            merged_file_name(decision),
        ]
    )
    assert [nurse.file.name, decision.document.name, run.merged_file.name] == [
        certificate_file_name(nurse, decision),
        decision_file_name(decision),
        merged_file_name(decision),
    ]

    document = get_as(client, world.staff, url("decision_document", decision))
    assert b"".join(document.streaming_content) == s3_bucket.read(decision_file_name(decision))
    assert pdf_labels(client.get(url("certificates_pdf", decision))) == [
        nurse.serial,
        police.serial,
        ward.serial,
    ]
    archive, names = zip_names(
        get_as(client, world.police_officer, url("certificates_zip", decision))
    )
    assert names == ["002-Tran-Van-Dat.pdf"]
    assert archive.read(names[0]) == s3_bucket.read(certificate_file_name(police, decision))
    single = get_as(client, world.health_officer, url("certificate_pdf", nurse))
    assert NAME in PdfReader(io.BytesIO(b"".join(single.streaming_content))).pages[0].extract_text()
    for path in (
        url("decision_document", decision),
        url("certificates_pdf", decision),
        url("certificates_zip", decision),
        url("certificate_pdf", nurse),
    ):
        assert get_as(client, world.outsider, path).status_code == 404
    assert get_as(client, world.police_officer, url("certificate_pdf", nurse)).status_code == 404
    client.logout()
    verified = client.get(reverse("verify", args=[nurse.token]))
    assert verified.status_code == 200
    assert nurse.serial in verified.content.decode()
