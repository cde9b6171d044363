import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from awards.enums import NominationState
from awards.models import Nomination
from awards.services.nominations import (
    TRANSITIONS,
    WorkflowError,
    available_actions,
    perform,
    perform_bulk,
    set_nomination_state,
    set_nominations_state,
)
from common.models import ActivityLog, EmailMode, Notification, UserPreference
from tests.factories import (
    AwardTypeFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UserFactory,
)
from units.enums import UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def officer():
    membership = OfficerMembershipFactory(user=UserFactory(username="officer_w"))
    return membership.user


@pytest.fixture
def provincial_form():
    """A form only the province decides: the officer's unit sends it to the staff."""
    return AwardTypeFactory(name="Bằng khen tỉnh", deciding_levels=[UnitLevel.PROVINCE])


@pytest.fixture
def nomination(officer, provincial_form):
    unit = officer.officer_memberships.get().unit
    return NominationFactory(
        individual__unit=unit, nominating_unit=unit, created_by=officer, award_type=provincial_form
    )


def test_full_journey_is_logged_with_previous_states(nomination, officer, staff_user):
    perform(nomination, "submit", by=officer)
    perform(nomination, "start_review", by=staff_user)
    perform(nomination, "return", by=staff_user, reason="Thiếu biên bản họp Hội đồng")
    perform(nomination, "submit", by=officer)
    perform(nomination, "approve", by=staff_user)

    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPROVED
    log = list(ActivityLog.objects.for_object(nomination).order_by("id"))
    assert [(e.previous_state, e.new_state) for e in log] == [
        (NominationState.DRAFT, NominationState.SUBMITTED),
        (NominationState.SUBMITTED, NominationState.IN_REVIEW),
        (NominationState.IN_REVIEW, NominationState.RETURNED),
        (NominationState.RETURNED, NominationState.SUBMITTED),
        (NominationState.SUBMITTED, NominationState.APPROVED),
    ]
    assert [e.actor for e in log] == [officer, staff_user, staff_user, officer, staff_user]
    assert log[2].note == "Thiếu biên bản họp Hội đồng"


def test_reason_is_required_to_return_or_reject(nomination, officer, staff_user):
    perform(nomination, "submit", by=officer)
    for action in ("return", "reject"):
        with pytest.raises(WorkflowError, match="lý do"):
            perform(nomination, action, by=staff_user, reason="   ")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.SUBMITTED


@pytest.mark.parametrize(
    ("state", "target"),
    [
        (old, new)
        for old in NominationState.values
        for new in NominationState.values
        if new not in TRANSITIONS[old]
    ],
)
def test_transitions_outside_the_table_are_refused(state, target, staff_user):
    nomination = NominationFactory(state=state)
    with pytest.raises(WorkflowError):
        set_nomination_state(nomination, target, actor=staff_user, reason="lý do")
    nomination.refresh_from_db()
    assert nomination.state == state


def test_stale_copy_loses_with_a_clear_message(nomination, officer, staff_user):
    perform(nomination, "submit", by=officer)
    first = type(nomination).objects.get(pk=nomination.pk)
    second = type(nomination).objects.get(pk=nomination.pk)
    perform(first, "approve", by=staff_user)
    with pytest.raises(WorkflowError, match="người khác"):
        perform(second, "reject", by=staff_user, reason="Không đủ điều kiện")
    second.refresh_from_db()
    assert second.state == NominationState.APPROVED
    assert (
        ActivityLog.objects.for_object(nomination)
        .filter(new_state=NominationState.REJECTED)
        .count()
        == 0
    )


def test_officer_cannot_review_and_staff_cannot_submit(nomination, officer, staff_user):
    with pytest.raises(WorkflowError, match="quyền"):
        perform(nomination, "submit", by=staff_user)
    perform(nomination, "submit", by=officer)
    with pytest.raises(WorkflowError, match="quyền"):
        perform(nomination, "approve", by=officer)
    assert [a.name for a in available_actions(officer, nomination)] == ["withdraw"]
    assert [a.name for a in available_actions(staff_user, nomination)] == [
        "start_review",
        "return",
        "approve",
        "reject",
    ]


def test_officer_of_another_unit_cannot_act(nomination):
    stranger = OfficerMembershipFactory().user
    with pytest.raises(WorkflowError):
        perform(nomination, "submit", by=stranger)


def test_submit_notifies_staff_and_return_notifies_the_unit(
    nomination, officer, staff_user, django_capture_on_commit_callbacks
):
    staff_user.email = "staff@example.org"
    staff_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        perform(nomination, "submit", by=officer)
    assert Notification.objects.get(recipient=staff_user).title.startswith("Hồ sơ mới gửi")
    assert [m.to for m in mail.outbox] == [["staff@example.org"]]

    with django_capture_on_commit_callbacks(execute=True):
        perform(nomination, "return", by=staff_user, reason="Bổ sung ảnh minh chứng")
    to_officer = Notification.objects.get(recipient=officer)
    assert to_officer.title.startswith("Hồ sơ bị trả lại")
    assert to_officer.body == "Bổ sung ảnh minh chứng"
    assert mail.outbox[-1].to == [officer.email]
    assert "Bổ sung ảnh minh chứng" in mail.outbox[-1].body
    assert mail.outbox[-1].alternatives[0][1] == "text/html"


def test_notification_task_is_idempotent(nomination, officer, staff_user):
    from awards.tasks import notify_nomination_change

    staff_user.email = "staff@example.org"
    staff_user.save()
    set_nomination_state(nomination, NominationState.SUBMITTED, actor=officer)
    entry = ActivityLog.objects.for_object(nomination).get()
    notify_nomination_change(activity_id=entry.pk)
    notify_nomination_change(activity_id=entry.pk)
    assert Notification.objects.filter(activity=entry).count() == 1
    assert len(mail.outbox) == 1


def test_only_states_someone_must_hear_about_queue_a_notification(
    nomination, officer, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        perform(nomination, "submit", by=officer)
    assert len(queued) == 1
    with django_capture_on_commit_callbacks() as queued:
        perform(nomination, "start_review", by=staff_user)
    assert queued == []


def test_bulk_submit_stamps_the_submission_time(nomination, officer):
    """The waiting-for-review and fast-track reminders count from ``submitted_at``."""
    perform_bulk(Nomination.objects.filter(pk=nomination.pk), "submit", by=officer)

    nomination.refresh_from_db()
    assert nomination.state == NominationState.SUBMITTED
    assert nomination.submitted_at == nomination.state_changed_at is not None


def pinned(nomination) -> bool:
    return Nomination.objects.values_list("is_pinned", flat=True).get(pk=nomination.pk)


def test_a_fast_track_is_pinned_while_it_waits_for_review(nomination, officer, staff_user):
    Nomination.objects.filter(pk=nomination.pk).update(is_fast_track=True)
    nomination.refresh_from_db()
    seen = []
    for name, user in [
        ("submit", officer),
        ("start_review", staff_user),
        ("return", staff_user),
        ("submit", officer),
        ("approve", staff_user),
    ]:
        perform(nomination, name, by=user, reason="Bổ sung minh chứng")
        seen.append((nomination.state, nomination.is_pinned, pinned(nomination)))
    assert seen == [
        (NominationState.SUBMITTED, True, True),
        (NominationState.IN_REVIEW, True, True),
        (NominationState.RETURNED, False, False),
        (NominationState.SUBMITTED, True, True),
        (NominationState.APPROVED, False, False),
    ]


def test_an_ordinary_nomination_is_never_pinned(nomination, officer, staff_user):
    perform(nomination, "submit", by=officer)
    assert (nomination.is_pinned, pinned(nomination)) == (False, False)


def test_the_bulk_path_pins_and_unpins_as_the_single_one(officer, staff_user, provincial_form):
    unit = officer.officer_memberships.get().unit
    fast = NominationFactory(
        individual__unit=unit, nominating_unit=unit, is_fast_track=True, award_type=provincial_form
    )
    plain = NominationFactory(
        individual__unit=unit, nominating_unit=unit, award_type=provincial_form
    )
    both = Nomination.objects.filter(pk__in=[fast.pk, plain.pk])

    perform_bulk(both, "submit", by=officer)
    after_submit = (pinned(fast), pinned(plain))
    perform_bulk(both, "approve", by=staff_user)

    assert after_submit == (True, False)
    assert (pinned(fast), pinned(plain)) == (False, False)


@pytest.mark.parametrize("count", [10, 50])
def test_bulk_approval_costs_the_same_queries_for_10_or_50(
    officer, staff_user, provincial_form, count, django_assert_num_queries
):
    unit = officer.officer_memberships.get().unit
    NominationFactory.create_batch(
        count,
        individual__unit=unit,
        nominating_unit=unit,
        award_type=provincial_form,
        state=NominationState.SUBMITTED,
    )
    ContentType.objects.clear_cache()  # every run pays its look-ups, whatever ran before
    # (and the staff member's roles, read at once on a cold cache: 3 of the 11)

    with django_assert_num_queries(11):
        result = perform_bulk(Nomination.objects.all(), "approve", by=staff_user)

    assert result == (count, 0)
    assert ActivityLog.objects.filter(new_state=NominationState.APPROVED).count() == count


def approved_in_bulk(officer, staff_user, provincial_form, count):
    """``count`` of the officer's unit's nominations approved in one bulk action; the
    ids of their log entries (the notification task's argument)."""
    unit = officer.officer_memberships.get().unit
    NominationFactory.create_batch(
        count,
        individual__unit=unit,
        nominating_unit=unit,
        award_type=provincial_form,
        state=NominationState.SUBMITTED,
        created_by=officer,
    )
    perform_bulk(Nomination.objects.all(), "approve", by=staff_user)
    entries = ActivityLog.objects.filter(new_state=NominationState.APPROVED)
    return list(entries.values_list("pk", flat=True))


@pytest.mark.parametrize("count", [10, 50])
def test_the_bulk_notification_task_costs_the_same_queries_for_10_or_50(
    officer, staff_user, provincial_form, count, django_assert_num_queries
):
    from awards.tasks import notify_nomination_changes

    UserPreference.objects.create(user=officer, email_mode=EmailMode.DIGEST)
    ids = approved_in_bulk(officer, staff_user, provincial_form, count)

    # the entries, the nominations, the unit's officers, their email choices, the rows
    with django_assert_num_queries(5):
        notify_nomination_changes(activity_ids=ids)

    notified = Notification.objects.filter(recipient=officer, in_digest=True)
    assert notified.count() == count
    assert mail.outbox == []  # the digest sends them once a day


def test_the_bulk_notification_task_emails_each_nomination_once_even_run_twice(
    officer, staff_user, provincial_form
):
    from awards.tasks import notify_nomination_changes

    ids = approved_in_bulk(officer, staff_user, provincial_form, 3)

    notify_nomination_changes(activity_ids=ids)
    notify_nomination_changes(activity_ids=ids)  # a redelivered task

    assert Notification.objects.filter(recipient=officer).count() == 3
    assert [m.to for m in mail.outbox] == [[officer.email]] * 3
    assert all(m.subject.startswith("Hồ sơ đã được duyệt") for m in mail.outbox)


def test_moving_many_refuses_them_all_when_one_changed_meanwhile(officer, provincial_form):
    unit = officer.officer_memberships.get().unit
    first, second = NominationFactory.create_batch(
        2,
        individual__unit=unit,
        nominating_unit=unit,
        award_type=provincial_form,
        state=NominationState.APPROVED,
    )
    Nomination.objects.filter(pk=second.pk).update(state=NominationState.REJECTED)

    with pytest.raises(WorkflowError, match="Hồ sơ vừa được cập nhật bởi người khác"):
        set_nominations_state([first, second], NominationState.AWARDED, actor=officer)

    assert list(Nomination.objects.order_by("pk").values_list("state", flat=True)) == [
        NominationState.APPROVED,
        NominationState.REJECTED,
    ]
    assert not ActivityLog.objects.filter(new_state=NominationState.AWARDED).exists()
