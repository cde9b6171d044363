"""Certificates of a 1,000-recipient decision, rendered through the real task path.

    python -m bench.certificates [N]

Builds an issued decision with N recipient lines and their certificate rows
(as issuing does), then times ``awards.tasks.render_certificates`` for a run:
the decision document plus N certificates, in chunks laid out by the task's
pool of rendering processes (CERTIFICATE_RENDER_PROCESSES, 2 by default), split
into one PDF per certificate, stored, and merged into the print file.

Two references, measured in the same process on the same data right after:

* naive: one WeasyPrint document per certificate, same template and stylesheet,
  called with WeasyPrint's defaults (the document carries its stylesheet; a
  font configuration per document); measured on a sample of 50.  A tuned
  per-certificate render (one font configuration per process, stylesheet
  parsed once) is measured too and reported on stderr;
* bare: the same N certificate pages as one WeasyPrint document in this one
  process, with nothing else (no decision document, no split, no storage, no
  database, no merge).

Details go to stderr; stdout gets the one summary line the issue asks for.
"""

import io
import random
import resource
import sys
import tempfile
import time

from bench.common import scratch_database

SAMPLE = 50
SELF, CHILDREN = resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN


def _cpu(usage) -> float:
    return usage.ru_utime + usage.ru_stime


FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Thị", "Văn", "Ngọc", "Minh", "Thanh", "Hữu", "Thị Ngọc", "Quốc", "Hoàng", "Kim")
GIVEN = ("Hằng", "Đạt", "Tuyết", "Việt", "Ẩn", "Phượng", "Hùng", "Thủy", "Lộc", "Nguyệt", "Ánh")
POSITIONS = ("Điều dưỡng", "Bác sĩ", "Kỹ thuật viên", "Chiến sĩ", "Cán bộ", "Nhân viên y tế")


def build_decision(count: int):
    """An issued decision with ``count`` lines and one valid certificate each."""
    import datetime

    from awards.enums import CertificateState, DecisionState
    from awards.models import AwardDecision, AwardType, Certificate, Recipient
    from tests.factories import IndividualFactory, UnitFactory
    from units.enums import Gender, UnitLevel
    from units.models import Individual

    rng = random.Random(2777)  # noqa: S311 - the same names every run, not secrets
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        level=UnitLevel.PROVINCE,
    )
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=province)
    IndividualFactory(unit=hospital)  # one saved the usual way; the rest in bulk
    people = Individual.objects.bulk_create(
        Individual(
            full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            gender=rng.choice((Gender.MALE, Gender.FEMALE)),
            category="publicemployee",
            unit=hospital,
        )
        for _ in range(count)
    )
    decision = AwardDecision.objects.create(
        issuer=province,
        year=2021,
        number=123,
        symbol="QĐ-UBND",
        signed_date=datetime.date(2021, 9, 15),
        place="Bến Tre",
        signer_name="Nguyễn Văn Bé",
        signer_title="PHÓ CHỦ TỊCH",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_capacity="KT. CHỦ TỊCH",
        award_type=AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        citation="Đã có thành tích xuất sắc trong phong trào thi đua phòng, chống dịch COVID-19",
        legal_basis="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        state=DecisionState.ISSUED,
    )
    lines = Recipient.objects.bulk_create(
        Recipient(
            decision=decision,
            individual=person,
            position_and_unit=f"{rng.choice(POSITIONS)}, Bệnh viện Nguyễn Đình Chiểu",
            amount=2_240_000,
            golden_register_number=str(4000 + index),
            sort_order=index,
        )
        for index, person in enumerate(people, 1)
    )
    Certificate.objects.bulk_create(
        Certificate(
            recipient=line,
            serial=f"UBND-TINH-BEN-TRE-2021-0123-{index:04d}",
            state=CertificateState.VALID,
        )
        for index, line in enumerate(lines, 1)
    )
    return decision


def main(count: int) -> None:
    with scratch_database() as connection, tempfile.TemporaryDirectory() as media:
        from django.contrib.auth import get_user_model
        from django.test import override_settings
        from pypdf import PdfReader

        from awards.enums import RunState
        from awards.models import Certificate
        from awards.pdf import content
        from awards.services import rendering
        from awards.services.certificates import start_run
        from awards.tasks import render_certificates
        from common.pdf import engine
        from common.pdf.stylesheet import allowed_roots

        with override_settings(MEDIA_ROOT=media):
            decision = build_decision(count)
            staff = get_user_model().objects.create_superuser("bench", "bench@example.org", None)
            run = start_run(decision, by=staff)  # its queued task goes to the in-memory broker
            processes, chunk = rendering.render_settings()

            own, children = resource.getrusage(SELF), resource.getrusage(CHILDREN)
            started = time.perf_counter()
            render_certificates(run_id=run.pk)
            task_s = time.perf_counter() - started
            own_cpu = _cpu(resource.getrusage(SELF)) - _cpu(own)
            children_cpu = _cpu(resource.getrusage(CHILDREN)) - _cpu(children)

            run.refresh_from_db()
            assert run.state == RunState.DONE, run.error
            certificates = list(
                rendering.in_print_order(Certificate.objects.filter(recipient__decision=decision))
            )
            assert all(c.file for c in certificates) and len(certificates) == count
            with run.merged_file.open("rb") as merged:
                assert len(PdfReader(merged).pages) == count

            layout = rendering.default_layout()
            css, roots = content.pdf_css(), allowed_roots()
            # Naive: one document per certificate, as WeasyPrint is commonly called:
            # the certificate's HTML carrying its stylesheet, WeasyPrint's defaults
            # (so a font configuration, loading the four font files, per document).
            sample = certificates[:SAMPLE]
            style = f"<style>{css}</style></head>"
            started = time.perf_counter()
            for certificate in sample:
                html = content.certificates_html(decision, [certificate], layout)
                html = html.replace("</head>", style, 1)
                engine.render_pdf_unshared(html, roots)
            naive_rate = len(sample) / (time.perf_counter() - started)

            # Tuned naive, for reference: one document per certificate, with the
            # process's one font configuration and the stylesheet parsed once.
            started = time.perf_counter()
            for certificate in sample:
                html = content.certificates_html(decision, [certificate], layout)
                engine.render_pdf(html, css, roots)
            tuned_rate = len(sample) / (time.perf_counter() - started)

            # Bare: the same pages as one document, nothing else.
            html = content.certificates_html(decision, certificates, layout)
            started = time.perf_counter()
            bare_pages = len(PdfReader(io.BytesIO(engine.render_pdf(html, css, roots))).pages)
            bare_s = time.perf_counter() - started
            assert bare_pages == count

        rate = count / task_s
        print(
            f"task path ({connection.vendor}, {processes} rendering processes, chunks of {chunk}):"
            f" decision document + {count} certificates + print file in {task_s:.1f} s;"
            f" CPU: task process {own_cpu:.1f} s, rendering processes {children_cpu:.1f} s",
            file=sys.stderr,
        )
        print(
            f"naive {naive_rate:.1f}/s; tuned naive (shared fonts and stylesheet)"
            f" {tuned_rate:.1f}/s, speedup vs tuned naive {rate / tuned_rate:.1f}×; "
            f"bare one-process document: {bare_s:.1f} s ({count / bare_s:.1f}/s)",
            file=sys.stderr,
        )
        print(
            f"certificates: {count} in {task_s:.1f} s ({rate:.1f}/s); naive {naive_rate:.1f}/s; "
            f"speedup vs naive {rate / naive_rate:.1f}×; overhead vs bare {task_s / bare_s:.2f}×"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
