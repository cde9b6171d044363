"""Forwarding to the central level: drafting, sending (numbering), recording results."""

import datetime

import pytest
from django.core.files.base import ContentFile

from awards.activity import CENTRAL_RESULT, CENTRAL_SEND, NOMINATION_FORWARDED, NOMINATION_STATE
from awards.enums import CentralOutcome, NominationState, RunState, SubmissionState
from awards.models import CentralPackage, CentralResult, CentralSubmissionLine, NumberSequence
from awards.selectors import is_central, nominations_ready_for_central
from awards.services.central import (
    CentralError,
    add_central_nominations,
    record_central_result,
    remove_central_nomination,
    send_central_submission,
    update_central_submission,
)
from common.models import ActivityLog
from common.uploads import process_upload
from tests.awards.conftest import central_draft
from tests.factories import AwardAuthorityFactory, CentralSubmissionFactory, NumberSequenceFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SENT_ON = datetime.date(2025, 10, 20)
DECIDED_ON = datetime.date(2025, 12, 1)


def actions_of(obj):
    return list(ActivityLog.objects.for_object(obj).order_by("pk").values_list("action", flat=True))


def sent(world, *nominations, on=SENT_ON):
    submission = central_draft(world, *nominations)
    send_central_submission(submission, by=world.staff, letter_date=on)
    return submission


def line_of(submission, nomination):
    return submission.lines.get(nomination=nomination)


# --- Which forms are central ----------------------------------------------------------------


def test_is_central_prime_minister_bang_khen_yes_chair_bang_khen_no(central_world):
    day = datetime.date(2025, 10, 1)

    assert (
        is_central(central_world.prime_minister, day),
        is_central(central_world.chair, day),
    ) == (
        True,
        False,
    )


def test_is_central_when_a_local_row_is_in_force_too_no(central_world):
    AwardAuthorityFactory(award_type=central_world.prime_minister, issuer_level="province")

    assert is_central(central_world.prime_minister, datetime.date(2025, 10, 1)) is False


def test_nominations_ready_for_central_only_approved_central_and_free(central_world):
    central_draft(central_world, central_world.collective)

    ready = nominations_ready_for_central(central_world.staff, datetime.date(2025, 10, 1))

    assert list(ready) == [central_world.nurse]


# --- Drafting -------------------------------------------------------------------------------


def test_create_defaults_symbol_place_and_subject(central_world):
    submission = central_draft(central_world)

    assert (submission.symbol, submission.place, submission.subject, submission.state) == (
        "TTr-UBND",
        "Bến Tre",
        "Về việc đề nghị Thủ tướng Chính phủ tặng Bằng khen, danh hiệu thi đua",
        SubmissionState.DRAFT,
    )


def test_add_skips_provincial_forms_and_nominations_on_another_submission(central_world):
    other = central_draft(central_world, central_world.collective)
    submission = central_draft(central_world)

    result = add_central_nominations(
        submission,
        [central_world.nurse, central_world.collective, central_world.provincial],
        by=central_world.staff,
    )

    assert (result.added, result.elsewhere, result.not_central) == (1, 1, 1)
    assert [line.nomination for line in submission.lines.all()] == [central_world.nurse]
    assert [line.nomination for line in other.lines.all()] == [central_world.collective]


def test_add_by_an_officer_refused_nothing_added(central_world):
    submission = central_draft(central_world)

    with pytest.raises(CentralError, match="không có quyền"):
        add_central_nominations(submission, [central_world.nurse], by=central_world.officer)

    assert submission.lines.count() == 0


def test_remove_frees_the_nomination(central_world):
    submission = central_draft(central_world, central_world.nurse)

    remove_central_nomination(line_of(submission, central_world.nurse), by=central_world.staff)

    assert submission.lines.count() == 0
    ready = nominations_ready_for_central(central_world.staff, datetime.date(2025, 10, 1))
    assert list(ready.order_by("pk")) == [central_world.nurse, central_world.collective]


def test_update_sent_submission_refused_nothing_changed(central_world):
    submission = sent(central_world, central_world.nurse)

    with pytest.raises(CentralError, match="đã được trình"):
        update_central_submission(submission, by=central_world.staff, subject="Khác")

    submission.refresh_from_db()
    assert submission.subject == (
        "Về việc đề nghị Thủ tướng Chính phủ tặng Bằng khen, danh hiệu thi đua"
    )


# --- Sending --------------------------------------------------------------------------------


def test_send_numbers_per_issuer_and_year(central_world):
    first = sent(central_world, central_world.nurse)
    second = sent(central_world, central_world.collective)

    assert (first.reference, second.reference, first.state) == (
        "1/TTr-UBND",
        "2/TTr-UBND",
        SubmissionState.SENT,
    )


def test_send_continues_after_the_proposal_sequence_and_restarts_next_year(central_world):
    NumberSequenceFactory(issuer=central_world.province, name="proposal", year=2025, last_value=41)

    this_year = sent(central_world, central_world.nurse)
    next_year = sent(central_world, central_world.collective, on=datetime.date(2026, 1, 5))

    assert (this_year.reference, next_year.reference) == ("42/TTr-UBND", "1/TTr-UBND")


def test_send_does_not_share_numbers_with_decisions(central_world):
    NumberSequenceFactory(issuer=central_world.province, name="decision", year=2025, last_value=9)

    submission = sent(central_world, central_world.nurse)

    assert submission.number == 1


def test_send_logs_on_the_submission_and_each_nomination_and_queues_the_package(
    central_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = sent(central_world, central_world.nurse, central_world.collective)

    assert actions_of(submission)[-1] == CENTRAL_SEND
    assert actions_of(central_world.nurse) == [NOMINATION_FORWARDED]
    assert ActivityLog.objects.for_object(central_world.nurse).get().note == (
        "Tờ trình số 1/TTr-UBND ngày 20/10/2025 gửi Thủ tướng Chính phủ"
    )
    # Eager tasks: the package was built once the send committed.
    assert list(CentralPackage.objects.values_list("state", "done", "total")) == [
        (RunState.DONE, 4, 4)
    ]


def test_send_empty_draft_refused_no_number_used(central_world):
    submission = central_draft(central_world)

    with pytest.raises(CentralError, match="chưa có hồ sơ nào"):
        send_central_submission(submission, by=central_world.staff, letter_date=SENT_ON)

    submission.refresh_from_db()
    assert (submission.state, submission.number) == (SubmissionState.DRAFT, None)
    assert NumberSequence.objects.filter(name="proposal").count() == 0


def test_send_with_a_nomination_no_longer_approved_refused_nothing_changed(central_world):
    submission = central_draft(central_world, central_world.nurse)
    type(central_world.nurse).objects.filter(pk=central_world.nurse.pk).update(
        state=NominationState.WITHDRAWN
    )

    with pytest.raises(CentralError, match="Nguyễn Thị Ngọc Hằng"):
        send_central_submission(submission, by=central_world.staff, letter_date=SENT_ON)

    submission.refresh_from_db()
    assert (submission.state, submission.number, actions_of(central_world.nurse)) == (
        SubmissionState.DRAFT,
        None,
        [],
    )


def test_send_twice_refused_the_second_time(central_world):
    submission = sent(central_world, central_world.nurse)
    stale = type(submission).objects.get(pk=submission.pk)
    stale.state = SubmissionState.DRAFT

    with pytest.raises(CentralError, match="đã được trình"):
        send_central_submission(stale, by=central_world.staff, letter_date=SENT_ON)

    assert type(submission).objects.get(pk=submission.pk).number == 1


def test_send_by_a_council_member_refused_nothing_changed(central_world):
    submission = central_draft(central_world, central_world.nurse)

    with pytest.raises(CentralError, match="không có quyền"):
        send_central_submission(submission, by=central_world.council, letter_date=SENT_ON)

    submission.refresh_from_db()
    assert (submission.state, submission.number) == (SubmissionState.DRAFT, None)


# --- Recording the result -------------------------------------------------------------------


def pdf_upload():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = ContentFile(b"", name="qd.pdf")
    writer.write(buffer)
    buffer.seek(0)
    return process_upload(buffer, allow=("pdf",))


def test_record_result_awards_and_rejects_through_the_workflow(central_world):
    submission = sent(central_world, central_world.nurse, central_world.collective)
    nurse, ward = (
        line_of(submission, central_world.nurse),
        line_of(submission, central_world.collective),
    )

    result = record_central_result(
        submission,
        by=central_world.staff,
        decision_number="1234/QĐ-TTg",
        decision_date=DECIDED_ON,
        issuer="Thủ tướng Chính phủ",
        outcomes={
            nurse.pk: (CentralOutcome.AWARDED, ""),
            ward.pk: (CentralOutcome.NOT_AWARDED, "Chưa đủ thời gian từ lần khen trước"),
        },
        document=pdf_upload(),
    )

    central_world.nurse.refresh_from_db()
    central_world.collective.refresh_from_db()
    submission.refresh_from_db()
    assert (central_world.nurse.state, central_world.collective.state, submission.state) == (
        NominationState.AWARDED,
        NominationState.REJECTED,
        SubmissionState.DONE,
    )
    # What the statistics count: the central decision's date, no bonus paid here.
    assert (central_world.nurse.awarded_on, central_world.nurse.award_amount) == (DECIDED_ON, 0)
    assert central_world.collective.awarded_on is None
    assert list(submission.lines.values_list("outcome", "reason", "result")) == [
        (CentralOutcome.AWARDED, "", result.pk),
        (CentralOutcome.NOT_AWARDED, "Chưa đủ thời gian từ lần khen trước", result.pk),
    ]
    assert result.document.read()[:5] == b"%PDF-"
    rejected = ActivityLog.objects.for_object(central_world.collective).latest("pk")
    assert (rejected.action, rejected.note) == (
        NOMINATION_STATE,
        "Quyết định số 1234/QĐ-TTg ngày 01/12/2025 của Thủ tướng Chính phủ: không được khen. "
        "Lý do: Chưa đủ thời gian từ lần khen trước",
    )
    assert actions_of(submission)[-1] == CENTRAL_RESULT


def test_record_result_for_some_lines_leaves_the_submission_partly_decided(central_world):
    submission = sent(central_world, central_world.nurse, central_world.collective)
    nurse = line_of(submission, central_world.nurse)

    record_central_result(
        submission,
        by=central_world.staff,
        decision_number="1234/QĐ-TTg",
        decision_date=DECIDED_ON,
        issuer="Thủ tướng Chính phủ",
        outcomes={nurse.pk: (CentralOutcome.AWARDED, "")},
    )

    submission.refresh_from_db()
    central_world.collective.refresh_from_db()
    assert (submission.state, central_world.collective.state) == (
        SubmissionState.PARTLY,
        NominationState.APPROVED,
    )


def test_record_not_awarded_without_reason_refused_nothing_changed(central_world):
    submission = sent(central_world, central_world.nurse, central_world.collective)
    nurse, ward = (
        line_of(submission, central_world.nurse),
        line_of(submission, central_world.collective),
    )

    with pytest.raises(CentralError, match="ghi rõ lý do không được khen"):
        record_central_result(
            submission,
            by=central_world.staff,
            decision_number="1234/QĐ-TTg",
            decision_date=DECIDED_ON,
            issuer="Thủ tướng Chính phủ",
            outcomes={
                nurse.pk: (CentralOutcome.AWARDED, ""),
                ward.pk: (CentralOutcome.NOT_AWARDED, "  "),
            },
        )

    central_world.nurse.refresh_from_db()
    submission.refresh_from_db()
    assert (central_world.nurse.state, submission.state, CentralResult.objects.count()) == (
        NominationState.APPROVED,
        SubmissionState.SENT,
        0,
    )
    assert set(CentralSubmissionLine.objects.values_list("outcome", flat=True)) == {
        CentralOutcome.PENDING
    }


def test_record_result_on_a_draft_refused(central_world):
    submission = central_draft(central_world, central_world.nurse)
    line = line_of(submission, central_world.nurse)

    with pytest.raises(CentralError, match="không có quyền"):
        record_central_result(
            submission,
            by=central_world.staff,
            decision_number="1234/QĐ-TTg",
            decision_date=DECIDED_ON,
            issuer="Thủ tướng Chính phủ",
            outcomes={line.pk: (CentralOutcome.AWARDED, "")},
        )

    assert CentralResult.objects.count() == 0


def test_record_result_dated_before_the_letter_refused(central_world):
    submission = sent(central_world, central_world.nurse)
    line = line_of(submission, central_world.nurse)

    with pytest.raises(CentralError, match="không thể trước ngày tờ trình"):
        record_central_result(
            submission,
            by=central_world.staff,
            decision_number="1234/QĐ-TTg",
            decision_date=datetime.date(2025, 10, 1),
            issuer="Thủ tướng Chính phủ",
            outcomes={line.pk: (CentralOutcome.AWARDED, "")},
        )

    line.refresh_from_db()
    assert (line.outcome, CentralResult.objects.count()) == (CentralOutcome.PENDING, 0)


def test_record_a_line_twice_refused_the_second_time(central_world):
    submission = sent(central_world, central_world.nurse, central_world.collective)
    nurse = line_of(submission, central_world.nurse)
    outcome = {nurse.pk: (CentralOutcome.AWARDED, "")}
    fields = {
        "decision_number": "1234/QĐ-TTg",
        "decision_date": DECIDED_ON,
        "issuer": "Thủ tướng Chính phủ",
    }
    record_central_result(submission, by=central_world.staff, outcomes=outcome, **fields)

    with pytest.raises(CentralError, match="đã có kết quả"):
        record_central_result(submission, by=central_world.staff, outcomes=outcome, **fields)

    assert CentralResult.objects.count() == 1


def test_unique_pending_line_per_nomination_holds_in_the_database(central_world):
    central_draft(central_world, central_world.nurse)

    with pytest.raises(Exception, match="central_line_one_open_per_nomination|UNIQUE"):
        CentralSubmissionLine.objects.create(
            submission=CentralSubmissionFactory(issuer=central_world.province),
            nomination=central_world.nurse,
        )
