"""A unit's own decision: Sở Y tế's giấy khen for N of its hospitals' staff.

    python -m bench.unit_decision [N] [--no-render]

Builds Sở Y tế (department level, its own letterhead, symbol and director) with a
hospital below it, and N approved nominations of the hospital's staff for a giấy
khen; then, as the department's director (a unit leader, not provincial staff),
through the services the pages call: creates the draft decision, adds the N
nominations, issues it (number, amounts, certificate rows), and renders its
certificates through the real task path (``awards.tasks.render_certificates``,
the giấy khen layout; ``--no-render`` stops after the issue, for large N).  Prints
one line with the times and each step's queries.
"""

import datetime
import random
import sys
import tempfile
import time

from bench.common import scratch_database

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Thị", "Văn", "Ngọc", "Minh", "Thanh", "Hữu", "Kim")
GIVEN = ("Hằng", "Đạt", "Tuyết", "Việt", "Phượng", "Hùng", "Thủy", "Lộc", "Ánh")
SIGNED = datetime.date(2025, 9, 15)


def build(count: int):
    """Sở Y tế, its director's account, and ``count`` approved nominations."""
    from awards.enums import NominationState
    from awards.models import AwardType, Nomination
    from tests.factories import (
        CampaignFactory,
        IndividualFactory,
        OfficerMembershipFactory,
        UnitFactory,
        UnitSignerFactory,
        UserFactory,
    )
    from units.enums import Gender, OfficerRole, UnitLevel, UnitType
    from units.models import Individual

    rng = random.Random(2777)  # noqa: S311 - the same names every run, not secrets
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        level=UnitLevel.PROVINCE,
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        document_symbol="UBND",
    )
    health = UnitFactory(
        name="Sở Y tế",
        issuer_name="SỞ Y TẾ",
        parent=province,
        level=UnitLevel.DEPARTMENT,
        unit_type=UnitType.STATE_AGENCY,
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="SYT",
        place_name="Bến Tre",
    )
    hospital = UnitFactory(
        name="Bệnh viện Nguyễn Đình Chiểu",
        parent=health,
        level=UnitLevel.BASE,
        unit_type=UnitType.PUBLIC_SERVICE,
    )
    director = UserFactory(username="bench-director")
    OfficerMembershipFactory(user=director, unit=health, role=OfficerRole.HEAD)
    signer = UnitSignerFactory(unit=health, full_name="Phan Văn Giám", user=director)
    IndividualFactory(unit=hospital)  # one saved the usual way; the rest in bulk
    people = Individual.objects.bulk_create(
        Individual(
            full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i}",
            gender=rng.choice((Gender.MALE, Gender.FEMALE)),
            category="publicemployee",
            position="Điều dưỡng",
            unit=hospital,
        )
        for i in range(count)
    )
    campaign = CampaignFactory(issuing_unit=province)
    giay_khen = AwardType.objects.get(code="giay-khen")
    nominations = Nomination.objects.bulk_create(
        Nomination(
            individual=person,
            nominating_unit=hospital,
            campaign=campaign,
            award_type=giay_khen,
            summary="Hoàn thành xuất sắc nhiệm vụ phòng, chống dịch COVID-19.",
            state=NominationState.APPROVED,
        )
        for person in people
    )
    return health, director, signer, giay_khen, campaign, nominations


def main(count: int, *, render: bool = True) -> None:
    with scratch_database() as connection, tempfile.TemporaryDirectory() as media:
        from django.test import override_settings
        from django.test.utils import CaptureQueriesContext

        from awards.enums import RunState
        from awards.models import CertificateRun
        from awards.services.decisions import add_recipients, create_decision, issue_decision
        from awards.tasks import render_certificates

        with override_settings(MEDIA_ROOT=media):
            health, director, signer, giay_khen, campaign, nominations = build(count)

            started = time.perf_counter()
            with CaptureQueriesContext(connection) as compose_queries:
                decision = create_decision(
                    by=director,
                    issuer=health,
                    award_type=giay_khen,
                    campaign=campaign,
                    signed_date=SIGNED,
                    citation="Đã có thành tích xuất sắc trong phong trào thi đua phòng, "
                    "chống dịch COVID-19",
                    signer=signer,
                )
                add_recipients(decision, nominations, by=director)
            compose_s = time.perf_counter() - started

            started = time.perf_counter()
            with CaptureQueriesContext(connection) as issue_queries:
                decision = issue_decision(decision, by=director)
            issue_s = time.perf_counter() - started
            assert decision.recipients.count() == count, decision.recipients.count()
            numbers = sorted(
                int(n) for n in decision.recipients.values_list("golden_register_number", flat=True)
            )
            assert numbers == list(range(numbers[0], numbers[0] + count)), "register numbers"

            if not render:
                print(
                    f"unit decision ({connection.vendor}): {decision.reference} of Sở Y tế, "
                    f"giấy khen for {count} people: composed in {compose_s:.1f} s "
                    f"({len(compose_queries)} queries), issued in {issue_s:.1f} s "
                    f"({len(issue_queries)} queries); certificates not rendered"
                )
                return
            run = CertificateRun.objects.get(decision=decision)
            started = time.perf_counter()
            render_certificates(run_id=run.pk)
            render_s = time.perf_counter() - started
            run.refresh_from_db()
            assert run.state == RunState.DONE, run.error

        print(
            f"unit decision ({connection.vendor}): {decision.reference} of Sở Y tế, giấy khen for "
            f"{count} people: composed in {compose_s:.1f} s ({len(compose_queries)} queries), "
            f"issued in {issue_s:.1f} s ({len(issue_queries)} queries), certificates rendered "
            f"in {render_s:.1f} s ({count / render_s:.1f}/s)"
        )


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(numbers[0]) if numbers else 300, render="--no-render" not in sys.argv)
