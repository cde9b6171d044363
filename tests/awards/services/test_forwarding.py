"""Routing a nomination up its levels: where it goes on submit, forwarding with a
proposal letter, returning one level, and who may do each."""

import datetime
import io
import threading

import pytest
from django.db import connection
from pypdf import PdfReader

from awards import routing
from awards.enums import NominationState, StageOutcome
from awards.models import AwardType, Nomination, NominationStage, ProposalLetter
from awards.services.forwarding import forward_nominations, proposal_letter_pdf
from awards.services.nominations import WorkflowError, perform
from common.models import ActivityLog
from tests.factories import (
    NominationFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

DAY = datetime.date(2025, 9, 10)


def bang_khen():
    return AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh")


def submitted(tree, award_type=None, **fields):
    nomination = NominationFactory(
        individual=tree["nurse"],
        nominating_unit=tree["hospital"],
        award_type=award_type or bang_khen(),
        created_by=tree["officer"],
        **fields,
    )
    perform(nomination, "submit", by=tree["officer"])
    return nomination


def stages(nomination):
    return [
        (stage.unit, stage.outcome)
        for stage in NominationStage.objects.filter(nomination=nomination).order_by("id")
    ]


# --- Where it goes -------------------------------------------------------------------------


def test_deciding_unit_choices_are_the_units_with_authority_lowest_first(tree):
    giay_khen = AwardType.objects.get(code="giay-khen")

    choices = routing.deciding_unit_choices(tree["hospital"], giay_khen, DAY)

    assert choices == [tree["hospital"], tree["health"]]
    assert routing.deciding_unit_choices(tree["hospital"], bang_khen(), DAY) == [tree["province"]]


def test_a_provincial_form_goes_through_the_department_to_the_province(tree):
    nomination = submitted(tree)

    assert (nomination.deciding_unit, nomination.reviewing_unit) == (
        tree["province"],
        tree["health"],
    )
    assert nomination.at_final_level is False
    assert stages(nomination) == [(tree["health"], "")]


def test_a_department_without_accounts_is_passed_over(tree):
    Nomination.objects.all().delete()
    tree["health"].officers.all().delete()

    nomination = submitted(tree)

    assert nomination.reviewing_unit == tree["province"]
    assert nomination.at_final_level is True


def test_a_giay_khen_of_the_department_chosen_over_the_hospitals_stays_at_the_department(tree):
    giay_khen = AwardType.objects.get(code="giay-khen")

    nomination = submitted(tree, giay_khen, deciding_unit=tree["health"])

    assert (nomination.deciding_unit, nomination.reviewing_unit) == (
        tree["health"],
        tree["health"],
    )
    assert nomination.at_final_level is True


def test_the_hospitals_own_giay_khen_is_reviewed_at_the_hospital(tree):
    nomination = submitted(tree, AwardType.objects.get(code="giay-khen"))

    assert (nomination.deciding_unit, nomination.reviewing_unit) == (
        tree["hospital"],
        tree["hospital"],
    )


def test_a_central_form_goes_up_to_the_province(tree):
    central = AwardType.objects.get(code="bang-khen-thu-tuong")

    nomination = submitted(tree, central)

    assert nomination.deciding_unit is None
    assert routing.stops(tree["hospital"], None, DAY) == [tree["health"], tree["province"]]


# --- Forwarding and returning -----------------------------------------------------------


def test_the_deputy_forwards_with_a_numbered_letter_and_the_history_shows_it(tree):
    nomination = submitted(tree)

    letter = forward_nominations(
        [nomination], by=tree["deputy"], signed_date=DAY, signer=tree["signer"]
    )

    nomination.refresh_from_db()
    assert (letter.reference, letter.addressee) == ("1/TTr-SYT", tree["province"])
    assert letter.signer_lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert (nomination.state, nomination.reviewing_unit, nomination.at_final_level) == (
        NominationState.SUBMITTED,
        tree["province"],
        True,
    )
    assert stages(nomination) == [
        (tree["health"], StageOutcome.FORWARDED),
        (tree["province"], ""),
    ]
    entry = ActivityLog.objects.for_object(nomination).latest("id")
    assert (entry.action, entry.note) == (
        "nomination.forward",
        "Tờ trình số 1/TTr-SYT ngày 10/9/2025",
    )


def test_an_officer_cannot_forward_and_nothing_changes(tree):
    nomination = submitted(tree)

    with pytest.raises(WorkflowError, match="không có quyền"):
        forward_nominations(
            [nomination], by=tree["health_officer"], signed_date=DAY, signer=tree["signer"]
        )

    nomination.refresh_from_db()
    assert nomination.reviewing_unit == tree["health"]
    assert ProposalLetter.objects.count() == 0


def test_below_the_last_level_approve_is_refused(tree, staff_user):
    nomination = submitted(tree)

    with pytest.raises(WorkflowError, match="không có quyền"):
        perform(nomination, "approve", by=tree["deputy"])
    with pytest.raises(WorkflowError, match="không có quyền"):
        perform(nomination, "start_review", by=staff_user)

    nomination.refresh_from_db()
    assert nomination.state == NominationState.SUBMITTED


def test_return_goes_back_one_level_then_to_the_officer(tree, staff_user):
    nomination = submitted(tree)
    forward_nominations([nomination], by=tree["deputy"], signed_date=DAY, signer=tree["signer"])
    nomination.refresh_from_db()

    perform(nomination, "return", by=staff_user, reason="Thiếu biên bản họp Hội đồng")
    at_health = (nomination.state, nomination.reviewing_unit)
    perform(nomination, "return", by=tree["health_officer"], reason="Bổ sung biên bản")

    assert at_health == (NominationState.IN_REVIEW, tree["health"])
    assert (nomination.state, nomination.reviewing_unit) == (NominationState.RETURNED, None)
    assert stages(nomination) == [
        (tree["health"], StageOutcome.FORWARDED),
        (tree["province"], StageOutcome.RETURNED),
        (tree["health"], StageOutcome.RETURNED),
    ]
    notes = NominationStage.objects.filter(nomination=nomination).values_list("note", flat=True)
    assert list(notes) == ["", "Thiếu biên bản họp Hội đồng", "Bổ sung biên bản"]


def test_forwarding_several_makes_one_letter_and_numbers_go_on_per_issuer(tree):
    first, second = submitted(tree), submitted(tree)
    third = submitted(tree)

    letter = forward_nominations(
        [first, second], by=tree["deputy"], signed_date=DAY, signer=tree["signer"]
    )
    later = forward_nominations([third], by=tree["deputy"], signed_date=DAY, signer=tree["signer"])

    assert (letter.number, later.number) == (1, 2)
    assert list(letter.stages.values_list("nomination", flat=True).order_by("id")) == [
        first.pk,
        second.pk,
    ]


def test_a_stale_copy_cannot_be_forwarded_twice(tree):
    nomination = submitted(tree)
    stale = Nomination.objects.get(pk=nomination.pk)
    forward_nominations([nomination], by=tree["deputy"], signed_date=DAY, signer=tree["signer"])

    with pytest.raises(WorkflowError, match="người khác"):
        forward_nominations([stale], by=tree["deputy"], signed_date=DAY, signer=tree["signer"])

    assert ProposalLetter.objects.count() == 1


def test_the_letter_pdf_lists_the_nominations_in_vietnamese(tree):
    nomination = submitted(tree)
    letter = forward_nominations(
        [nomination], by=tree["deputy"], signed_date=DAY, signer=tree["signer"]
    )

    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(proposal_letter_pdf(letter))).pages
    )

    assert "TỜ TRÌNH" in text
    assert "Số: 1/TTr-SYT" in text
    assert "Nguyễn Thị Ngọc Hằng" in text
    assert "KT. GIÁM ĐỐC" in text
    assert "Võ Hoàng Khải" in text


@pytest.mark.django_db(transaction=True)
def test_concurrent_forwards_get_distinct_numbers(reference_data, tree):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    nominations = [submitted(tree) for _ in range(4)]
    errors = []

    def forward(nomination):
        try:
            forward_nominations(
                [nomination], by=tree["deputy"], signed_date=DAY, signer=tree["signer"]
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()  # the thread's own: open connections keep the test database

    threads = [threading.Thread(target=forward, args=(n,)) for n in nominations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(ProposalLetter.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
