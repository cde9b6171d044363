"""practices/services/practices.py: saving, the one state change, adoptions."""

import datetime

import pytest

from common import cache as portal_cache
from common.models import ActivityLog, Notification
from practices.enums import PracticeState
from practices.forms.practices import PracticeForm
from practices.models import Adoption, Practice
from practices.services.practices import (
    PUBLIC_NAMESPACE,
    PracticeError,
    perform,
    record_adoption,
    save_practice,
    set_practice_state,
)
from tests.practices.conftest import practice_data

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _publish(practice, world):
    perform(practice, "submit", by=world.o_health)
    perform(practice, "publish", by=world.staff)
    return practice


def test_save_practice_by_officer_writes_draft_results_and_folded_search_text(world, draft):
    draft.refresh_from_db()
    assert draft.state == PracticeState.DRAFT
    assert draft.created_by == world.o_health
    assert [(r.label, int(r.value), r.measure) for r in draft.results.all()] == [
        ("Số lượt khai báo", 12000, "lượt")
    ]
    assert "khai bao y te dien tu" in draft.search_text
    assert "benh vien nguyen dinh chieu" in draft.search_text
    assert list(ActivityLog.objects.for_object(draft).values_list("action", flat=True)) == [
        "practice.create"
    ]


def test_save_practice_by_staff_for_a_unit_is_refused_and_nothing_written(world):
    form = PracticeForm(practice_data(world.health), user=world.staff)
    assert form.is_valid(), form.errors
    with pytest.raises(PracticeError, match="không lập sáng kiến thay cho đơn vị này"):
        save_practice(form, by=world.staff)
    assert Practice.objects.count() == 0


def test_workflow_submit_request_changes_resubmit_publish(world, draft):
    perform(draft, "submit", by=world.o_health)
    perform(draft, "request_changes", by=world.staff, reason="Bổ sung số liệu")
    assert draft.state == PracticeState.CHANGES_REQUESTED
    perform(draft, "submit", by=world.o_health)
    perform(draft, "publish", by=world.staff)

    draft.refresh_from_db()
    assert draft.state == PracticeState.PUBLISHED
    assert draft.published_at is not None
    states = list(
        ActivityLog.objects.for_object(draft)
        .filter(action="practice.state")
        .order_by("id")
        .values_list("previous_state", "new_state", "note")
    )
    assert states == [
        ("draft", "submitted", ""),
        ("submitted", "changes", "Bổ sung số liệu"),
        ("changes", "submitted", ""),
        ("submitted", "published", ""),
    ]


def test_submission_tells_the_staff_and_review_tells_the_unit(
    world, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        perform(draft, "submit", by=world.o_health)
        perform(draft, "request_changes", by=world.staff, reason="Thêm ảnh")

    titles = sorted(Notification.objects.values_list("recipient__username", "title"))
    assert titles == [
        ("o_health", "Sáng kiến, mô hình cần bổ sung: Khai báo y tế điện tử"),
        ("staff_p", "Sáng kiến, mô hình mới gửi: Khai báo y tế điện tử"),
    ]


@pytest.mark.parametrize(
    ("actor", "action"),
    [
        ("o_police", "submit"),  # another unit's officer
        ("staff", "submit"),  # the staff do not send for a unit
        ("outsider", "submit"),
        ("o_health", "publish"),  # an officer does not publish
    ],
)
def test_action_by_the_wrong_user_is_refused_and_nothing_changes(world, draft, actor, action):
    if action == "publish":
        perform(draft, "submit", by=world.o_health)
    before = draft.state
    with pytest.raises(PracticeError, match="không có quyền"):
        perform(draft, action, by=getattr(world, actor))
    draft.refresh_from_db()
    assert draft.state == before


def test_set_practice_state_asks_the_rules_itself(world, draft):
    with pytest.raises(PracticeError, match="không có quyền"):
        set_practice_state(draft, PracticeState.SUBMITTED, actor=world.o_police)
    assert Practice.objects.get().state == PracticeState.DRAFT


def test_request_changes_without_reason_is_refused(world, draft):
    perform(draft, "submit", by=world.o_health)
    with pytest.raises(PracticeError, match="Vui lòng ghi rõ lý do"):
        perform(draft, "request_changes", by=world.staff, reason="  ")
    assert Practice.objects.get().state == PracticeState.SUBMITTED


def test_a_stale_copy_is_refused(world, draft):
    stale = Practice.objects.get(pk=draft.pk)
    perform(draft, "submit", by=world.o_health)
    with pytest.raises(PracticeError, match="vừa được cập nhật bởi người khác"):
        set_practice_state(stale, PracticeState.SUBMITTED, actor=world.o_health)
    assert ActivityLog.objects.filter(action="practice.state").count() == 1


def test_a_move_outside_the_table_is_refused(world, draft):
    _publish(draft, world)
    with pytest.raises(PracticeError, match="Không thể chuyển sáng kiến"):
        set_practice_state(draft, PracticeState.SUBMITTED, actor=world.staff)
    assert Practice.objects.get().state == PracticeState.PUBLISHED


def test_unpublish_and_republish_keep_the_first_publication_date(world, draft):
    _publish(draft, world)
    first = Practice.objects.get().published_at
    perform(draft, "unpublish", by=world.staff, reason="Số liệu sai")
    perform(draft, "republish", by=world.staff)
    assert Practice.objects.get().published_at == first


def test_publish_unpublish_and_edit_of_published_bump_the_public_namespace(world, draft):
    (v0,) = portal_cache.versions(PUBLIC_NAMESPACE)
    perform(draft, "submit", by=world.o_health)
    assert portal_cache.versions(PUBLIC_NAMESPACE) == (v0,)  # nothing public changed
    perform(draft, "publish", by=world.staff)
    (v1,) = portal_cache.versions(PUBLIC_NAMESPACE)
    assert v1 != v0
    form = PracticeForm(
        practice_data(world.hospital, title="Khai báo y tế bằng mã QR"),
        instance=draft,
        user=world.staff,
    )
    assert form.is_valid(), form.errors
    save_practice(form, by=world.staff)
    assert portal_cache.versions(PUBLIC_NAMESPACE) != (v1,)


def test_officer_cannot_edit_a_published_practice(world, draft):
    _publish(draft, world)
    form = PracticeForm(
        practice_data(world.hospital, title="Đổi tên"), instance=draft, user=world.o_health
    )
    assert form.is_valid(), form.errors
    with pytest.raises(PracticeError, match="không có quyền"):
        save_practice(form, by=world.o_health)
    assert Practice.objects.get().title == "Khai báo y tế điện tử"


def test_record_adoption_by_another_units_officer(world, draft, django_capture_on_commit_callbacks):
    _publish(draft, world)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        adoption = record_adoption(
            draft,
            by=world.o_police,
            unit=world.police,
            adopted_on=datetime.date(2021, 9, 1),
            place=" Trụ sở Công an tỉnh ",
            result="Khai báo nhanh gấp ba.",
        )
    assert (adoption.unit, adoption.place, adoption.recorded_by) == (
        world.police,
        "Trụ sở Công an tỉnh",
        world.o_police,
    )
    assert list(Notification.objects.values_list("recipient__username", "title")) == [
        ("o_health", "Công an tỉnh đã áp dụng sáng kiến, mô hình: Khai báo y tế điện tử")
    ]


@pytest.mark.parametrize(
    ("actor", "unit", "message"),
    [
        ("o_police", "commune", "không có quyền"),  # a unit the officer does not act for
        ("o_health", "hospital", "cho chính mình"),  # the practice's own unit
        ("outsider", "police", "không có quyền"),
    ],
)
def test_record_adoption_refused(world, draft, actor, unit, message):
    _publish(draft, world)
    with pytest.raises(PracticeError, match=message):
        record_adoption(
            draft,
            by=getattr(world, actor),
            unit=getattr(world, unit),
            adopted_on=datetime.date(2021, 9, 1),
            place="Nơi",
            result="Kết quả",
        )
    assert Adoption.objects.count() == 0


def test_record_adoption_twice_for_one_unit_is_refused(world, draft):
    _publish(draft, world)
    kwargs = {"unit": world.police, "adopted_on": datetime.date(2021, 9, 1)}
    kwargs |= {"place": "A", "result": "B"}
    record_adoption(draft, by=world.o_police, **kwargs)
    with pytest.raises(PracticeError, match="đã ghi nhận áp dụng"):
        record_adoption(draft, by=world.staff, **kwargs)
    assert Adoption.objects.count() == 1


def test_record_adoption_of_an_unpublished_practice_is_refused(world, draft):
    with pytest.raises(PracticeError, match="không có quyền"):
        record_adoption(
            draft,
            by=world.o_police,
            unit=world.police,
            adopted_on=datetime.date(2021, 9, 1),
            place="A",
            result="B",
        )
    assert Adoption.objects.count() == 0
