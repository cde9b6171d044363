"""Rendering a decision's document and certificates: real WeasyPrint renders,
checked by what comes out of the PDFs."""

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.enums import CertificateState, DecisionState, LayoutKind, RunState
from awards.models import AwardType, Certificate, CertificateLayout, CertificateRun
from awards.services.certificates import CertificateError
from awards.services.rendering import regenerate_certificates, render_decision_now, render_run
from awards.tasks import render_certificates
from common.models import ActivityLog, Notification
from common.pdf.engine import RestrictedURLFetcher
from tests.awards.conftest import CITATION, NAME, POSITION, make_decision, new_run, render
from tests.common.pdf.fonts import embedded_faces
from tests.factories import (
    AwardDecisionFactory,
    CertificateFactory,
    CouncilMembershipFactory,
    OfficerMembershipFactory,
    RecipientFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(handle).pages)


def page_count(field) -> int:
    with field.open("rb") as handle:
        return len(PdfReader(handle).pages)


def valid_per_line(world):
    return [
        Certificate.objects.filter(recipient=line, state=CertificateState.VALID).count()
        for line in world.lines
    ]


@pytest.fixture
def world():
    return make_decision()


# --- Certificates --------------------------------------------------------------------------


def test_each_certificate_is_one_page_with_the_exact_name_and_the_decision(world):
    run = render(world.decision)

    assert (run.state, run.done, run.total, run.error) == (RunState.DONE, 3, 3, "")
    assert run.started_at <= run.finished_at
    nurse, officer, ward = (Certificate.objects.get(pk=c.pk) for c in world.certificates)
    assert nurse.file.name == f"certificates/{world.decision.pk}/ubnd-bt-2021-0123-001.pdf"
    assert all(page_count(c.file) == 1 for c in (nurse, officer, ward))

    text = pdf_text(nurse.file)
    assert NAME in text  # NFC, every diacritic, from a name stored as NFD
    assert unicodedata.normalize("NFD", NAME) not in text
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        "TẶNG",
        "BẰNG KHEN",
        "Bà",
        POSITION,
        CITATION,
        "Bến Tre, ngày 15 tháng 9 năm 2021",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Bé",
        "Quyết định số 123/QĐ-UBND ngày 15/9/2021",
        "Số sổ vàng: 456",
        "Số hiệu: UBND-BT-2021-0123-001",
    ):
        assert expected in text, expected
    assert "Ông Trần Văn Đạt" in pdf_text(officer.file).replace("\n", " ")
    ward_text = pdf_text(ward.file)
    assert "Khoa Hồi sức tích cực – Chống độc" in ward_text
    assert "Ông" not in ward_text and "Bà " not in ward_text
    assert valid_per_line(world) == [1, 1, 1]


def test_fonts_are_the_shipped_liberation_serif_embedded(world):
    render(world.decision)
    certificate = Certificate.objects.get(pk=world.certificates[0].pk)

    with certificate.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    # Regular, bold and italic are used on a certificate, all from the shipped
    # files (whatever the system has installed); no other (fallback) font.
    assert sorted(embedded_faces(reader), key=str) == ["bold", "italic", "regular"]
    assert NAME in reader.pages[0].extract_text()


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)",
)
def test_qr_code_decodes_to_the_public_verification_url(world, tmp_path):
    render(world.decision)
    certificate = Certificate.objects.get(pk=world.certificates[0].pk)
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(read(certificate.file))

    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "page.png")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()

    assert decoded == settings.SITE_URL + reverse("verify", args=[certificate.token])
    assert decoded.endswith(f"/verify/{certificate.token}/")


def test_print_file_has_every_certificate_in_order_labelled_by_serial(world):
    run = render(world.decision)

    with run.merged_file.open("rb") as handle:
        reader = PdfReader(handle)
        assert reader.page_labels == [c.serial for c in world.certificates]
        assert NAME in reader.pages[0].extract_text()
        assert "Trần Văn Đạt" in reader.pages[1].extract_text()


# --- The decision document -------------------------------------------------------------------


def test_decision_document_in_the_official_format(world):
    render(world.decision)
    world.decision.refresh_from_db()

    assert (
        world.decision.document.name == f"decisions/{world.decision.pk}/quyet-dinh-123-qd-ubnd.pdf"
    )
    text = pdf_text(world.decision.document)
    flat = " ".join(text.split())
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẾN TRE",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 123/QĐ-UBND",
        "Bến Tre, ngày 15 tháng 9 năm 2021",
        "QUYẾT ĐỊNH",
        "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho 1 tập thể và 2 cá nhân",
        "đã có thành tích xuất sắc trong phong trào thi đua phòng, chống dịch COVID-19.",
        "Điều 2. Tổng số tiền thưởng là 8.960.000 đồng",
        "Điều 3.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "Nguyễn Văn Bé",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT, NC.",
        "DANH SÁCH",
        "Bà Nguyễn Thị Ngọc Hằng",
        "Khoa Hồi sức tích cực – Chống độc",
        "4.480.000",
        "Tổng cộng: 3 tập thể, cá nhân 8.960.000",
    ):
        assert expected in flat, expected


# --- The overlay layout -------------------------------------------------------------------


def _name_x(field) -> float:
    """Where the recipient's name starts on the page, in PDF points from the left."""
    found = []

    def visit(text, cm, tm, font, size):
        if "Nguy" in text or text.startswith("Bà"):
            found.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    with field.open("rb") as handle:
        PdfReader(handle).pages[0].extract_text(visitor_text=visit)
    return found[0]


def test_overlay_prints_only_the_variable_fields_at_the_calibrated_position(world):
    layout = CertificateLayout.objects.get(kind=LayoutKind.OVERLAY)
    assert layout.offset_x_mm == 0
    run = new_run(world.decision, layout=layout)
    render_run(run)
    certificate = Certificate.objects.get(pk=world.certificates[0].pk)
    text = pdf_text(certificate.file)
    before = _name_x(certificate.file)

    assert "Bà Nguyễn Thị Ngọc Hằng" in text
    assert "Số sổ vàng: 456" in text
    assert "Quyết định số 123/QĐ-UBND ngày 15/9/2021" in text
    for printed_on_the_blank in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TẶNG", "BẰNG KHEN"):
        assert printed_on_the_blank not in text

    layout.offset_x_mm = 10
    layout.save()
    render_run(new_run(world.decision, layout=layout), regenerate=True)
    certificate.refresh_from_db()
    after = _name_x(certificate.file)

    assert after - before == pytest.approx(10 / 25.4 * 72, abs=0.05)  # 10 mm in points


# --- Idempotence, resumption, regeneration ---------------------------------------------------


def test_rerun_renders_only_the_missing_file_and_keeps_one_certificate_per_line(world):
    render(world.decision)
    first = {c.pk: c for c in Certificate.objects.filter(recipient__decision=world.decision)}
    lost = first[world.certificates[1].pk]
    lost.file.delete(save=True)  # a file lost from the storage

    run = render(world.decision)

    now = {c.pk: c for c in Certificate.objects.filter(recipient__decision=world.decision)}
    assert set(now) == set(first)  # no certificate added
    assert now[lost.pk].file.name == f"certificates/{world.decision.pk}/ubnd-bt-2021-0123-002.pdf"
    assert now[lost.pk].rendered_at > first[lost.pk].rendered_at
    for pk in set(first) - {lost.pk}:
        assert now[pk].rendered_at == first[pk].rendered_at
        assert now[pk].file.name == first[pk].file.name
    assert (run.state, run.done, run.total) == (RunState.DONE, 3, 3)
    assert valid_per_line(world) == [1, 1, 1]
    folder = Path(settings.MEDIA_ROOT) / "certificates" / str(world.decision.pk)
    assert sorted(p.name for p in folder.iterdir()) == [
        "ubnd-bt-2021-0123-001.pdf",
        "ubnd-bt-2021-0123-002.pdf",
        "ubnd-bt-2021-0123-003.pdf",
    ]
    with run.merged_file.open("rb") as handle:  # rebuilt from the old print file + the new page
        assert PdfReader(handle).page_labels == [c.serial for c in world.certificates]


def test_task_delivered_twice_changes_nothing_the_second_time(world):
    officer = OfficerMembershipFactory(unit=world.health, user=UserFactory(username="yte")).user
    run = new_run(world.decision)

    render_certificates(run_id=run.pk)
    rendered = dict(
        Certificate.objects.filter(recipient__decision=world.decision).values_list(
            "pk", "rendered_at"
        )
    )
    render_certificates(run_id=run.pk)

    run.refresh_from_db()
    assert run.state == RunState.DONE
    assert rendered == dict(
        Certificate.objects.filter(recipient__decision=world.decision).values_list(
            "pk", "rendered_at"
        )
    )
    assert Certificate.objects.filter(recipient__decision=world.decision).count() == 3
    assert ActivityLog.objects.filter(action="certificates.ready").count() == 1
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert len(mail.outbox) == 1


def test_a_worker_dying_mid_batch_is_resumed_by_the_redelivered_task(world):
    render(world.decision)
    kept = Certificate.objects.get(pk=world.certificates[0].pk)
    # What a worker killed after the first chunk leaves behind: the run RUNNING,
    # one certificate rendered by it, the others without a file.
    crashed = new_run(world.decision, state=RunState.RUNNING, started_at=timezone.now(), done=1)
    Certificate.objects.filter(pk__in=[c.pk for c in world.certificates[1:]]).update(file="")

    render_certificates(run_id=crashed.pk)

    crashed.refresh_from_db()
    assert (crashed.state, crashed.done, crashed.total) == (RunState.DONE, 3, 3)
    assert all(c.file for c in Certificate.objects.filter(recipient__decision=world.decision))
    assert Certificate.objects.get(pk=kept.pk).rendered_at == kept.rendered_at
    assert Certificate.objects.filter(recipient__decision=world.decision).count() == 3
    assert valid_per_line(world) == [1, 1, 1]


def test_a_failed_run_records_the_error_and_a_retry_finishes_it(world, tmp_path):
    run = new_run(world.decision)
    empty = tmp_path / "no-static"
    empty.mkdir()
    with (
        override_settings(STATICFILES_DIRS=[empty], STATIC_ROOT=empty),
        pytest.raises(ImproperlyConfigured),
    ):
        render_certificates(run_id=run.pk)  # the fonts are missing
    run.refresh_from_db()
    assert run.state == RunState.FAILED
    assert "Font file missing" in run.error
    assert not Certificate.objects.exclude(file="").exists()

    render_certificates(run_id=run.pk)  # Celery's retry, or the "Tạo lại" button

    run.refresh_from_db()
    assert (run.state, run.error, run.done) == (RunState.DONE, "", 3)


def test_regenerating_replaces_the_files_and_keeps_the_serials(world):
    render(world.decision)
    before = {
        c.serial: (c.file.name, c.rendered_at, read(c.file))
        for c in Certificate.objects.filter(recipient__decision=world.decision)
    }
    world.decision.refresh_from_db()
    document_before = world.decision.document.name

    run = render(world.decision, regenerate=True)

    after = {
        c.serial: (c.file.name, c.rendered_at)
        for c in Certificate.objects.filter(recipient__decision=world.decision)
    }
    assert set(after) == set(before)
    for serial, (name, rendered_at) in after.items():
        assert name == before[serial][0]
        assert rendered_at > before[serial][1]
    world.decision.refresh_from_db()
    assert world.decision.document.name == document_before
    assert run.done == 3
    assert valid_per_line(world) == [1, 1, 1]


def test_rendering_processes_give_each_certificate_its_own_page(world):
    """Chunks of one certificate, laid out by two rendering processes."""
    run = render(world.decision, processes=2, chunk_size=1)

    assert (run.state, run.done) == (RunState.DONE, 3)
    for certificate in Certificate.objects.filter(recipient__decision=world.decision):
        assert f"Số hiệu: {certificate.serial}" in pdf_text(certificate.file)
    assert NAME in pdf_text(Certificate.objects.get(pk=world.certificates[0].pk).file)
    with run.merged_file.open("rb") as handle:
        assert PdfReader(handle).page_labels == [c.serial for c in world.certificates]
    world.decision.refresh_from_db()
    assert "Số: 123/QĐ-UBND" in pdf_text(world.decision.document)


def test_revoked_and_replaced_certificates_are_not_printed(world):
    replaced = world.certificates[1]
    replaced.state = CertificateState.REPLACED
    replaced.save()
    world.lines[2].revoked_at = timezone.now()
    world.lines[2].save()

    run = render(world.decision)

    assert (run.total, run.done) == (1, 1)
    assert not Certificate.objects.get(pk=replaced.pk).file
    with run.merged_file.open("rb") as handle:
        assert PdfReader(handle).page_labels == [world.certificates[0].serial]


def test_units_officers_are_notified_once_per_run(world):
    health = OfficerMembershipFactory(unit=world.health, user=UserFactory(username="yte")).user
    police = OfficerMembershipFactory(unit=world.police, user=UserFactory(username="ca")).user
    other = OfficerMembershipFactory(unit=UnitFactory(), user=UserFactory(username="khac")).user

    run = render(world.decision)
    render_run(run)  # the same run again: nothing new

    entry = ActivityLog.objects.get(action="certificates.ready")
    assert entry.data == {"run": run.pk, "count": 3}
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == {health.username, police.username}
    assert other.username not in notified
    assert sorted(m.to[0] for m in mail.outbox) == sorted([health.email, police.email])
    assert "123/QĐ-UBND" in mail.outbox[0].subject
    url = reverse("awards:certificate_list", args=[world.decision.pk])
    assert set(Notification.objects.values_list("url", flat=True)) == {url}


def test_render_now_for_the_demo(world):
    run = render_decision_now(world.decision)

    assert (run.state, run.done) == (RunState.DONE, 3)
    assert run.layout == CertificateLayout.objects.get(is_default=True)
    assert run.layout.kind == LayoutKind.DESIGNED


# --- The URL fetcher ------------------------------------------------------------------------


def test_url_fetcher_reads_only_static_and_media_files_and_data(tmp_path):
    static = Path(settings.STATICFILES_DIRS[0])
    fetcher = RestrictedURLFetcher([static, tmp_path])
    font = (static / "fonts" / "LiberationSerif-Regular.ttf").resolve()

    assert fetcher.fetch(font.as_uri()).read(4) == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain,abc").read() == b"abc"
    assert fetcher.fetch("qr:https://example.org/").read(8) == b"\x89PNG\r\n\x1a\n"
    for refused in (
        "file:///etc/passwd",
        (static / ".." / "config" / "settings.py").as_uri(),
        "http://127.0.0.1:8000/admin/",
        "https://example.org/logo.png",
        "ftp://example.org/x",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)


# --- Who regenerates ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "council member"])
def test_a_non_staff_user_cannot_regenerate_and_nothing_is_reset(role):
    decision = AwardDecisionFactory(state=DecisionState.ISSUED, number=5, document="d/5.pdf")
    line = RecipientFactory(decision=decision)
    rendered = timezone.now()
    certificate = CertificateFactory(recipient=line, file="c/1.pdf", rendered_at=rendered)
    if role == "officer":
        user = OfficerMembershipFactory(unit=line.individual.unit).user
    else:
        user = CouncilMembershipFactory().user

    with pytest.raises(CertificateError, match="không có quyền tạo bằng"):
        regenerate_certificates(decision, by=user)

    certificate.refresh_from_db()
    decision.refresh_from_db()
    assert (certificate.rendered_at, decision.document.name) == (rendered, "d/5.pdf")
    assert CertificateRun.objects.count() == 0


# --- Print styles: the giấy khen of a unit's head, the letter, the cash-only award ---------


def _as_unit_decision(world, code):
    """``world``'s decision re-issued by the Sở Y tế director, for award ``code``."""
    decision = world.decision
    decision.issuer = world.health
    decision.symbol = "QĐ-SYT"
    decision.number = 15
    decision.award_type = AwardType.objects.get(code=code)
    decision.signer_authority = ""
    decision.signer_capacity = ""
    decision.signer_title = "GIÁM ĐỐC"
    decision.signer_name = "Trần Văn Minh"
    decision.save()
    return decision


def test_giay_khen_prints_the_units_own_layout_with_the_heads_title(world):
    _as_unit_decision(world, "giay-khen")

    run = render(world.decision)

    assert (run.state, run.done, run.total) == (RunState.DONE, 3, 3)
    nurse = Certificate.objects.get(pk=world.certificates[0].pk)
    with nurse.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    lines = [line.strip() for line in reader.pages[0].extract_text().splitlines()]
    # The letterhead of the unit (parent body, then the unit), then the head's
    # title, "TẶNG" and "GIẤY KHEN", in that order.
    wanted = ["UBND TỈNH BẾN TRE", "SỞ Y TẾ", "GIÁM ĐỐC SỞ Y TẾ", "TẶNG", "GIẤY KHEN"]
    assert [line for line in lines if line in wanted] == wanted
    flat = " ".join(" ".join(lines).split())
    assert f"Bà {NAME}" in flat
    assert "Quyết định số 15/QĐ-SYT ngày 15/9/2021" in flat
    assert "BẰNG KHEN" not in flat
    assert sorted(embedded_faces(reader), key=str) == ["bold", "italic", "regular"]


def test_bang_khen_keeps_the_provincial_layout_without_a_letterhead(world):
    render(world.decision)

    nurse = Certificate.objects.get(pk=world.certificates[0].pk)
    lines = [line.strip() for line in pdf_text(nurse.file).splitlines()]
    assert "UBND TỈNH BẾN TRE" not in lines
    assert [line for line in lines if line in ("TẶNG", "BẰNG KHEN")] == ["TẶNG", "BẰNG KHEN"]


def test_letters_of_commendation_print_as_letters_one_page_each(world):
    _as_unit_decision(world, "thu-khen")
    # A letter is a letter even when the default layout is the pre-printed blank.
    CertificateLayout.objects.update(is_default=False)
    CertificateLayout.objects.filter(kind=LayoutKind.OVERLAY).update(is_default=True)

    run = render(world.decision)

    assert (run.state, run.done, run.total) == (RunState.DONE, 3, 3)
    nurse, _officer, ward = (Certificate.objects.get(pk=c.pk) for c in world.certificates)
    with nurse.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert len(reader.pages) == 1
    flat = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        "SỞ Y TẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Bến Tre, ngày 15 tháng 9 năm 2021",
        "THƯ KHEN",
        f"Gửi: Bà {NAME}",
        POSITION,
        f"Giám đốc Sở Y tế nhiệt liệt biểu dương, khen ngợi bà {NAME} đã có thành tích xuất sắc "
        "trong phong trào thi đua phòng, chống dịch COVID-19.",
        f"Mong bà {NAME} tiếp tục phát huy",
        "GIÁM ĐỐC",
        "Trần Văn Minh",
        "Quyết định số 15/QĐ-SYT ngày 15/9/2021",
        "Số hiệu: UBND-BT-2021-0123-001",
    ):
        assert expected in flat, expected
    assert sorted(embedded_faces(reader), key=str) == ["bold", "italic", "regular"]
    ward_text = " ".join(pdf_text(ward.file).split())
    assert "Gửi: Khoa Hồi sức tích cực – Chống độc" in ward_text
    assert "khen ngợi Khoa Hồi sức tích cực – Chống độc đã có thành tích" in ward_text
    with run.merged_file.open("rb") as handle:
        assert PdfReader(handle).page_labels == [c.serial for c in world.certificates]


def test_a_cash_only_award_prints_only_the_decision_with_its_amounts(world):
    _as_unit_decision(world, "thuong-nong")
    Certificate.objects.filter(recipient__decision=world.decision).delete()
    world.decision.recipients.update(amount=2_000_000)

    run = render(world.decision)

    assert (run.state, run.done, run.total) == (RunState.DONE, 0, 0)
    world.decision.refresh_from_db()
    flat = " ".join(pdf_text(world.decision.document).split())
    for expected in (
        "Số: 15/QĐ-SYT",
        "Về việc thưởng nóng",
        "GIÁM ĐỐC SỞ Y TẾ",
        "Điều 1. Thưởng nóng cho 1 tập thể và 2 cá nhân có tên trong danh sách kèm theo, "
        "đã có thành tích xuất sắc",
        "Điều 2. Tổng số tiền thưởng là 6.000.000 đồng",
        "tập thể, cá nhân được thưởng nóng",
        "Bà Nguyễn Thị Ngọc Hằng",
        "Tổng cộng: 3 tập thể, cá nhân 6.000.000",
    ):
        assert expected in flat, expected
    assert "Tặng" not in flat
