"""Composing reminders: who is due which reminder about what, once, on which channel, in
which words.

Dates are fixed in the past (the rules' offsets are measured from ``now``, which
every test passes), so deliveries run at once: a reminder is available from the
moment it was composed.
"""

import datetime
import threading
import time
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.db import OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from awards.enums import NominationState
from campaign.enums import CampaignStatus, ReminderChannel, ReminderKind, ReminderState
from campaign.models import Reminder, ReminderRule
from campaign.services.reminders import Due, Wording, compose_reminders, due_reminders, preview
from campaign.tasks import run_reminder_rule
from common.models import EmailMode, Notification, UserPreference
from tests.factories import (
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    ProgressReportFactory,
    RegistrationFactory,
    ReportingRoundFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel
from units.rules import EMULATION_LEAD_GROUP, EMULATION_STAFF_GROUP

pytestmark = pytest.mark.unit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = datetime.date(2026, 3, 20)
REGISTRATION_DEADLINE = datetime.date(2026, 2, 10)
INTERIM = datetime.date(2026, 6, 15)
FINAL = datetime.date(2026, 12, 10)
SITE = "https://thiduakhenthuong.bentre.gov.vn"


def at(day: datetime.date, hour: int = 7, minute: int = 0) -> datetime.datetime:
    """A moment in the province's time zone."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def rule_of(kind: ReminderKind) -> ReminderRule:
    """One of the default rules the migration seeded."""
    return ReminderRule.objects.get(kind=kind)


def officer(unit, username, *, active=True, user_active=True, **user_fields):
    user = UserFactory(username=username, is_active=user_active, **user_fields)
    OfficerMembershipFactory(unit=unit, user=user, is_active=active)
    return user


def staff(username, *, lead=False, active=True):
    user = UserFactory(username=username, is_active=active)
    user.groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))
    if lead:
        user.groups.add(Group.objects.get(name=EMULATION_LEAD_GROUP))
    return user


def keys(reminders) -> list[tuple[str, str, str]]:
    """(recipient, object, period) of reminders or dues, sorted."""
    return sorted((r.recipient.username, r.object_key, r.period) for r in reminders)


def unit_key(campaign, unit) -> str:
    return f"campaign:{campaign.pk}/unit:{unit.pk}"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "thiduakhenthuong@bentre.gov.vn"


@pytest.fixture
def world(db):
    """A province and four departments; three take part in the campaign."""
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Bến Tre", level=UnitLevel.PROVINCE)
    health = UnitFactory(name="Sở Y tế", parent=province)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    school = UnitFactory(name="Trường THPT chuyên Bến Tre", parent=province)
    finance = UnitFactory(name="Sở Tài chính", parent=province)  # not a participant
    campaign = CampaignFactory(
        title="Phong trào thi đua “Chung tay phòng, chống dịch COVID-19”",
        plan_number="2777",
        plan_symbol="KH-UBND",
        issuing_unit=province,
        nomination_deadline=DEADLINE,
        registration_required=True,
        registration_deadline=REGISTRATION_DEADLINE,
        interim_review_date=INTERIM,
        final_review_date=FINAL,
    )
    campaign.participants.add(health, police, school)
    return {
        "province": province,
        "health": health,
        "police": police,
        "school": school,
        "finance": finance,
        "campaign": campaign,
        "lan": officer(health, "lan", last_name="Trần Thị", first_name="Lan"),
        "binh": officer(police, "binh"),
        "cuong": officer(police, "cuong", active=False),  # moved on: membership ended
        "dung": officer(police, "dung", user_active=False),  # account disabled
        "hoa": officer(school, "hoa"),
        "tai": officer(finance, "tai"),
    }


def returned(world, *, unit="police", at_moment, created_by=None, **fields):
    return NominationFactory(
        individual=IndividualFactory(unit=world[unit]),
        campaign=world["campaign"],
        state=NominationState.RETURNED,
        state_changed_at=at_moment,
        submitted_at=at_moment - days(4),
        created_by=created_by,
        **fields,
    )


def submitted(world, *, unit="police", at_moment, state=NominationState.SUBMITTED, **fields):
    return NominationFactory(
        individual=IndividualFactory(unit=world[unit]),
        campaign=world["campaign"],
        state=state,
        submitted_at=at_moment,
        state_changed_at=at_moment,
        **fields,
    )


# --- Before the nomination deadline ------------------------------------------------------------


def test_nomination_deadline_reminds_active_officers_of_units_that_have_not_submitted(world):
    campaign = world["campaign"]
    submitted(world, unit="health", at_moment=at(DEADLINE - days(20)))
    # The police have a draft and a returned nomination only: not submitted.
    NominationFactory(individual=IndividualFactory(unit=world["police"]), campaign=campaign)
    returned(world, at_moment=at(DEADLINE - days(9)))
    # Campaigns not launched (draft, closed) remind nobody.
    for status in (CampaignStatus.DRAFT, CampaignStatus.CLOSED):
        other = CampaignFactory(status=status, nomination_deadline=DEADLINE)
        other.participants.add(world["police"], world["school"])

    created = compose_reminders(
        rule_of(ReminderKind.NOMINATION_DEADLINE), now=at(DEADLINE - days(7))
    ).created

    period = "nomination:2026-03-20/7"
    assert keys(created) == [
        ("binh", unit_key(campaign, world["police"]), period),
        ("hoa", unit_key(campaign, world["school"]), period),
    ]
    binh = next(r for r in created if r.recipient == world["binh"])
    assert (binh.campaign, binh.unit, binh.nomination) == (campaign, world["police"], None)
    assert binh.url == reverse("campaign:campaign_detail", args=[campaign.pk])


def test_a_campaign_without_participants_addresses_every_unit_in_existence(world):
    campaign = world["campaign"]
    campaign.participants.clear()
    dissolved = UnitFactory(name="Sở Bưu chính", valid_to=DEADLINE - days(30))
    officer(dissolved, "xuan")
    not_yet = UnitFactory(name="Sở Văn hóa", valid_from=DEADLINE)
    officer(not_yet, "yen")

    dues = list(due_reminders(rule_of(ReminderKind.NOMINATION_DEADLINE), at(DEADLINE - days(2))))

    assert sorted(d.recipient.username for d in dues) == ["binh", "hoa", "lan", "tai"]


def test_seven_and_two_day_reminders_are_two_periods_and_a_missed_day_is_caught_up(world):
    rule = rule_of(ReminderKind.NOMINATION_DEADLINE)
    police, school = world["police"], world["school"]
    submitted(world, unit="health", at_moment=at(DEADLINE - days(20)))

    created_on = {}
    # Beat did not run on day -7 (the server was down): day -6 sends the 7-day reminder.
    for offset in (9, 8, 6, 5, 4, 3, 2, 1, 0, -1, -5):
        created_on[offset] = keys(compose_reminders(rule, now=at(DEADLINE - days(offset))).created)

    seven, two = "nomination:2026-03-20/7", "nomination:2026-03-20/2"
    campaign = world["campaign"]
    assert created_on == {
        9: [],
        8: [],
        6: [
            ("binh", unit_key(campaign, police), seven),
            ("hoa", unit_key(campaign, school), seven),
        ],
        5: [],
        4: [],
        3: [],
        2: [("binh", unit_key(campaign, police), two), ("hoa", unit_key(campaign, school), two)],
        1: [],
        0: [],
        -1: [],
        -5: [],
    }
    assert Reminder.objects.count() == 4
    days_left = dict(
        Reminder.objects.filter(recipient=world["binh"]).values_list("period", "subject")
    )
    assert days_left == {
        seven: "Còn 6 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Công an tỉnh",
        two: "Còn 2 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Công an tỉnh",
    }


def test_nothing_is_sent_after_the_deadline_even_if_no_reminder_went_out(world):
    rule = rule_of(ReminderKind.NOMINATION_DEADLINE)

    assert list(due_reminders(rule, at(DEADLINE + days(1), 0, 5))) == []
    assert compose_reminders(rule, now=at(DEADLINE + days(1))).created == []
    # The deadline day itself still counts as within the 2-day window.
    assert {d.period for d in due_reminders(rule, at(DEADLINE, 23, 59))} == {
        "nomination:2026-03-20/2"
    }


def test_a_unit_that_submits_between_the_reminders_gets_only_the_first(world):
    rule = rule_of(ReminderKind.NOMINATION_DEADLINE)
    compose_reminders(rule, now=at(DEADLINE - days(7)))
    submitted(world, unit="school", at_moment=at(DEADLINE - days(4)))

    created = compose_reminders(rule, now=at(DEADLINE - days(2))).created

    assert sorted(r.recipient.username for r in created) == ["binh", "lan"]


# --- Before the registration deadline ----------------------------------------------------------


def test_registration_deadline_reminds_units_that_have_not_registered(world):
    campaign = world["campaign"]
    RegistrationFactory(campaign=campaign, unit=world["police"])
    not_required = CampaignFactory(registration_deadline=REGISTRATION_DEADLINE)
    not_required.participants.add(world["school"])
    draft = CampaignFactory(
        status=CampaignStatus.DRAFT,
        registration_required=True,
        registration_deadline=REGISTRATION_DEADLINE,
    )
    draft.participants.add(world["school"])
    rule = rule_of(ReminderKind.REGISTRATION_DEADLINE)

    assert compose_reminders(rule, now=at(REGISTRATION_DEADLINE - days(8))).created == []
    created = compose_reminders(rule, now=at(REGISTRATION_DEADLINE - days(7))).created

    period = "registration:2026-02-10/7"
    assert keys(created) == [
        ("hoa", unit_key(campaign, world["school"]), period),
        ("lan", unit_key(campaign, world["health"]), period),
    ]
    assert compose_reminders(rule, now=at(REGISTRATION_DEADLINE - days(3))).created == []
    assert len(compose_reminders(rule, now=at(REGISTRATION_DEADLINE - days(1))).created) == 2
    assert compose_reminders(rule, now=at(REGISTRATION_DEADLINE + days(1))).created == []


# --- Units that have not reported in an open reporting round ---------------------------------


def test_progress_report_reminds_units_without_a_report_in_an_open_round(world):
    campaign = world["campaign"]
    due = datetime.date(2026, 4, 10)
    round_ = ReportingRoundFactory(
        campaign=campaign,
        title="Quý I/2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=due,
    )
    ProgressReportFactory(round=round_, unit=world["police"])
    ReportingRoundFactory(  # locked: nobody is chased
        campaign=campaign, due_date=due, locked_at=at(due - days(20))
    )
    rule = rule_of(ReminderKind.PROGRESS_REPORT)

    assert compose_reminders(rule, now=at(due - days(6))).created == []
    created = compose_reminders(rule, now=at(due - days(5))).created

    period = f"round-{round_.pk}:2026-04-10/5"
    assert keys(created) == [
        ("hoa", unit_key(campaign, world["school"]), period),
        ("lan", unit_key(campaign, world["health"]), period),
    ]
    lan = next(r for r in created if r.recipient.username == "lan")
    assert lan.subject == "Nhắc gửi báo cáo kết quả kỳ Quý I/2026 – Sở Y tế"
    assert compose_reminders(rule, now=at(due - days(3))).created == []
    ProgressReportFactory(round=round_, unit=world["school"])
    later = compose_reminders(rule, now=at(due - days(1))).created
    assert keys(later) == [
        ("lan", unit_key(campaign, world["health"]), f"round-{round_.pk}:2026-04-10/1")
    ]
    assert compose_reminders(rule, now=at(due + days(1))).created == []


# --- Before the interim and final reviews ---------------------------------------------------------


def test_review_reminders_go_to_every_participating_unit_before_each_review(world):
    campaign = world["campaign"]
    submitted(world, unit="health", at_moment=at(DEADLINE - days(20)))  # still reminded
    rule = rule_of(ReminderKind.REVIEW_REPORT)  # offsets "7"

    assert compose_reminders(rule, now=at(INTERIM - days(8))).created == []
    interim = compose_reminders(rule, now=at(INTERIM - days(7))).created
    assert compose_reminders(rule, now=at(INTERIM)).created == []
    assert compose_reminders(rule, now=at(INTERIM + days(1))).created == []
    final = compose_reminders(rule, now=at(FINAL - days(3))).created

    assert keys(interim) == [
        ("binh", unit_key(campaign, world["police"]), "interim:2026-06-15/7"),
        ("hoa", unit_key(campaign, world["school"]), "interim:2026-06-15/7"),
        ("lan", unit_key(campaign, world["health"]), "interim:2026-06-15/7"),
    ]
    assert [r.period for r in final] == ["final:2026-12-10/7"] * 3
    subjects = dict(
        Reminder.objects.filter(recipient=world["lan"]).values_list("period", "subject")
    )
    assert subjects == {
        "interim:2026-06-15/7": "Nhắc gửi báo cáo sơ kết – Sở Y tế",
        "final:2026-12-10/7": "Nhắc gửi báo cáo tổng kết – Sở Y tế",
    }


# --- Returned nominations -----------------------------------------------------------------------


def test_a_returned_nomination_reminds_its_officers_and_creator_after_whole_days(world):
    # The creator acts for the province, above the police: still in charge.
    an = officer(world["province"], "an")
    returned_at = at(datetime.date(2026, 3, 2), 15, 40)
    nomination = returned(world, at_moment=returned_at, created_by=an)
    # Resubmitted ones are no longer waiting on the unit.
    submitted(world, at_moment=returned_at)
    rule = rule_of(ReminderKind.RETURNED_NOMINATION)  # offsets "3, 7"
    day0 = returned_at.date()

    def run(day_offset):
        # Beat runs this rule at 07:30, earlier in the day than the return: three days
        # have passed only on the fourth morning.
        return keys(compose_reminders(rule, now=at(day0 + days(day_offset), 7, 30)).created)

    key = f"nomination:{nomination.pk}"
    assert run(3) == []
    assert run(4) == [
        ("an", key, "returned:2026-03-02T15:40/3"),
        ("binh", key, "returned:2026-03-02T15:40/3"),
    ]
    assert run(5) == []
    assert run(7) == []
    assert run(8) == [
        ("an", key, "returned:2026-03-02T15:40/7"),
        ("binh", key, "returned:2026-03-02T15:40/7"),
    ]
    assert run(30) == []
    reminder = Reminder.objects.get(recipient=world["binh"], period__endswith="/3")
    assert (reminder.nomination, reminder.unit, reminder.campaign) == (
        nomination,
        world["police"],
        world["campaign"],
    )
    assert reminder.url == reverse("awards:nomination_detail", args=[nomination.pk])
    assert reminder.subject == f"Hồ sơ bị trả lại 3 ngày chưa gửi lại: {nomination}"
    later = Reminder.objects.get(recipient=world["binh"], period__endswith="/7")
    assert later.subject == f"Hồ sơ bị trả lại 7 ngày chưa gửi lại: {nomination}"


def test_a_nomination_returned_twice_is_reminded_about_afresh(world):
    first_return = at(datetime.date(2026, 3, 2), 9, 0)
    nomination = returned(world, at_moment=first_return)
    rule = rule_of(ReminderKind.RETURNED_NOMINATION)
    first = compose_reminders(rule, now=at(datetime.date(2026, 3, 5), 9, 30)).created
    # Resubmitted on the 6th, returned again on the 9th.
    second_return = at(datetime.date(2026, 3, 9), 10, 15)
    nomination.state_changed_at = second_return
    nomination.submitted_at = at(datetime.date(2026, 3, 6), 8, 0)
    nomination.save(update_fields=["state_changed_at", "submitted_at"])

    assert compose_reminders(rule, now=at(datetime.date(2026, 3, 12), 10, 0)).created == []
    again = compose_reminders(rule, now=at(datetime.date(2026, 3, 12), 10, 30)).created

    key = f"nomination:{nomination.pk}"
    assert keys(first) == [("binh", key, "returned:2026-03-02T09:00/3")]
    assert keys(again) == [("binh", key, "returned:2026-03-09T10:15/3")]
    assert Reminder.objects.filter(recipient=world["binh"]).count() == 2


def test_creators_who_no_longer_act_for_the_unit_and_disabled_officers_are_skipped(world):
    returned_at = at(datetime.date(2026, 3, 2), 9, 0)
    # Created by Cường, whose membership of the police has ended; Dũng's account is disabled.
    by_former = returned(world, at_moment=returned_at, created_by=world["cuong"])
    by_disabled = returned(world, at_moment=returned_at, created_by=world["dung"])
    # An officer of another unit (finance) does not act for the police either.
    by_outsider = returned(world, at_moment=returned_at, created_by=world["tai"])

    dues = due_reminders(rule_of(ReminderKind.RETURNED_NOMINATION), returned_at + days(3))

    assert keys(dues) == [
        ("binh", f"nomination:{n.pk}", "returned:2026-03-02T09:00/3")
        for n in (by_former, by_disabled, by_outsider)
    ]


# --- Submitted nominations waiting for the staff ---------------------------------------------


def test_nominations_waiting_for_review_remind_the_active_staff(world, staff_user):
    thu = staff("thu")
    staff("vinh", active=False)
    sent_at = at(datetime.date(2026, 3, 2), 16, 20)
    waiting = submitted(world, at_moment=sent_at)
    in_review = submitted(world, unit="school", at_moment=sent_at, state=NominationState.IN_REVIEW)
    submitted(world, unit="health", at_moment=sent_at, state=NominationState.APPROVED)
    rule = rule_of(ReminderKind.SUBMITTED_WAITING)  # offsets "5", beat at 08:00

    # Beat runs this rule at 08:00: five days have passed only on the sixth morning.
    assert compose_reminders(rule, now=at(sent_at.date() + days(5), 8, 0)).created == []
    created = compose_reminders(rule, now=at(sent_at.date() + days(6), 8, 0)).created

    period = "waiting:2026-03-02T16:20/5"
    assert keys(created) == sorted(
        (user.username, f"nomination:{n.pk}", period)
        for user in (staff_user, thu)
        for n in (waiting, in_review)
    )
    assert compose_reminders(rule, now=at(sent_at.date() + days(9), 8, 0)).created == []
    subject = Reminder.objects.get(recipient=thu, nomination=waiting).subject
    assert subject == f"Hồ sơ chờ thẩm định 5 ngày: {waiting}"


# --- Fast-track escalation ------------------------------------------------------------------------


def test_a_fast_track_nomination_escalates_to_the_lead_at_24_and_48_hours(world, staff_user):
    lead = staff("truong_ban", lead=True)
    staff("pho_ban_nghi", lead=True, active=False)
    sent_at = at(datetime.date(2026, 3, 2), 10, 5)
    fast = submitted(world, at_moment=sent_at, is_fast_track=True)
    submitted(world, unit="school", at_moment=sent_at)  # not fast track
    decided = submitted(
        world, unit="health", at_moment=sent_at, is_fast_track=True, state=NominationState.APPROVED
    )
    rule = rule_of(ReminderKind.FAST_TRACK_ESCALATION)  # offsets "24, 48" hours
    hours = datetime.timedelta(hours=1)

    assert (
        compose_reminders(rule, now=sent_at + 23 * hours + datetime.timedelta(minutes=59)).created
        == []
    )
    at_24 = compose_reminders(rule, now=sent_at + 24 * hours).created
    assert compose_reminders(rule, now=sent_at + 47 * hours).created == []
    at_48 = compose_reminders(
        rule, now=sent_at + 48 * hours + datetime.timedelta(minutes=14)
    ).created
    assert compose_reminders(rule, now=sent_at + 200 * hours).created == []

    key = f"nomination:{fast.pk}"
    assert keys(at_24) == [("truong_ban", key, "fasttrack:2026-03-02T10:05/24")]
    assert keys(at_48) == [("truong_ban", key, "fasttrack:2026-03-02T10:05/48")]
    assert at_48[0].subject == f"Hồ sơ khen đột xuất chưa xử lý sau 48 giờ: {fast}"
    assert not Reminder.objects.filter(nomination=decided).exists()
    assert not Reminder.objects.exclude(recipient=lead).exists()


def test_without_an_active_lead_fast_track_escalates_to_every_active_staff_member(
    world, staff_user
):
    thu = staff("thu")
    staff("vinh", active=False)
    staff("pho_ban_nghi", lead=True, active=False)  # the only lead is disabled
    sent_at = at(datetime.date(2026, 3, 2), 10, 5)
    fast = submitted(world, at_moment=sent_at, is_fast_track=True)

    created = compose_reminders(
        rule_of(ReminderKind.FAST_TRACK_ESCALATION), now=sent_at + datetime.timedelta(hours=25)
    ).created

    period = "fasttrack:2026-03-02T10:05/24"
    assert keys(created) == [
        (staff_user.username, f"nomination:{fast.pk}", period),
        (thu.username, f"nomination:{fast.pk}", period),
    ]


# --- Exactly once -------------------------------------------------------------------------------


def test_composing_twice_writes_nothing_the_second_time(world):
    rule = rule_of(ReminderKind.NOMINATION_DEADLINE)
    now = at(DEADLINE - days(7))

    first = compose_reminders(rule, now=now)
    second = compose_reminders(rule, now=now + datetime.timedelta(hours=3))

    assert (len(first.created), first.already_sent) == (3, 0)
    assert (second.created, second.already_sent) == ([], 3)
    assert Reminder.objects.count() == 3
    assert Notification.objects.count() == 3
    assert preview(rule, now) == ([], 3)
    rule.refresh_from_db()
    assert rule.last_run_at == now + datetime.timedelta(hours=3)


def test_preview_shows_what_would_be_sent_without_writing(world):
    rule = rule_of(ReminderKind.NOMINATION_DEADLINE)

    new, already = preview(rule, at(DEADLINE - days(7)))

    assert already == 0
    assert sorted((due.recipient.username, subject) for due, (subject, _t, _h) in new) == [
        ("binh", "Còn 7 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Công an tỉnh"),
        ("hoa", "Còn 7 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Trường THPT chuyên Bến Tre"),
        ("lan", "Còn 7 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Sở Y tế"),
    ]
    assert not Reminder.objects.exists()
    assert not Notification.objects.exists()


def test_beat_firing_the_rule_task_twice_sends_one_set(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    # The task composes at the real present: a deadline two days from today.
    campaign = world["campaign"]
    campaign.nomination_deadline = timezone.localdate() + days(2)
    campaign.save(update_fields=["nomination_deadline"])
    rule = rule_of(ReminderKind.NOMINATION_DEADLINE)

    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminder_rule.delay(rule_id=rule.pk).get()
    with django_capture_on_commit_callbacks(execute=True):
        second = run_reminder_rule.delay(rule_id=rule.pk).get()

    assert (first, second) == (3, 0)
    assert Reminder.objects.filter(state=ReminderState.SENT).count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == [
        "binh@example.org",
        "hoa@example.org",
        "lan@example.org",
    ]


def test_a_disabled_rule_task_writes_nothing(world):
    campaign = world["campaign"]
    campaign.nomination_deadline = timezone.localdate() + days(2)
    campaign.save(update_fields=["nomination_deadline"])
    rule = rule_of(ReminderKind.NOMINATION_DEADLINE)
    rule.enabled = False
    rule.save(update_fields=["enabled"])

    assert run_reminder_rule.delay(rule_id=rule.pk).get() == 0
    assert not Reminder.objects.exists()


def in_threads(function, count=2):
    """Run ``function`` in ``count`` threads at the same moment, each in a transaction of its
    own on a connection of its own.  Returns ("ok", (value, after-commit callbacks)) or
    ("error", exception) per thread; the callbacks (email delivery) are collected, not run.

    The SQLite test database lives in memory with a shared cache, where a second
    ``BEGIN IMMEDIATE`` fails at once ("database table is locked") instead of waiting as a
    file database does; so on SQLite a thread that could not *begin* waits and begins again.
    Nothing is retried once the transaction has begun.
    """
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait(timeout=10)
            for _attempt in range(2000):
                begun = False
                try:
                    with transaction.atomic():
                        begun = True
                        value = function()
                        callbacks = [c for _ids, c, _robust in connection.run_on_commit]
                        connection.run_on_commit.clear()
                    break
                except OperationalError as error:
                    if begun or connection.vendor != "sqlite" or "locked" not in str(error):
                        raise
                    time.sleep(0.005)
            results[index] = ("ok", (value, callbacks))
        except Exception as error:  # reported to the test
            results[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_workers_composing_the_same_rule_at_once_write_one_set(reference_data, mailoutbox):
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Bến Tre", level=UnitLevel.PROVINCE)
    units = [UnitFactory(name=f"Phòng số {n}", parent=province) for n in range(3)]
    for n, unit in enumerate(units):
        officer(unit, f"can_bo_{n}")
    campaign = CampaignFactory(issuing_unit=province, nomination_deadline=DEADLINE)
    campaign.participants.add(*units)
    rule = rule_of(ReminderKind.NOMINATION_DEADLINE)

    results = in_threads(lambda: compose_reminders(rule, now=at(DEADLINE - days(2))).created)

    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert sorted(len(value[0]) for _kind, value in results) == [0, 3]
    # each worker retires the cached pages of the tables it wrote on commit (the one that
    # found the set written only marked the rule's run), and the composer queued a delivery
    assert sorted(len(value[1]) for _kind, value in results) == [1, 2]
    assert Reminder.objects.count() == 3
    assert Notification.objects.count() == 3
    for _kind, (_created, callbacks) in results:
        for callback in callbacks:
            callback()
    assert sorted(m.to[0] for m in mailoutbox) == [f"can_bo_{n}@example.org" for n in range(3)]
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENT}


# --- Channels ---------------------------------------------------------------------------------


@pytest.fixture
def audience(world):
    """Four officers of the police, one per kind of email preference."""
    police = world["police"]
    users = {
        "immediate": officer(police, "ngay"),
        "digest": officer(police, "tong_hop"),
        "off": officer(police, "tat"),
        "no_email": officer(police, "khong_thu", email=""),
    }
    UserPreference.objects.create(user=users["digest"], email_mode=EmailMode.DIGEST)
    UserPreference.objects.create(user=users["off"], email_mode=EmailMode.OFF)
    # Only these four act for the police in these tests.
    world["binh"].officer_memberships.update(is_active=False)
    return users


def outcome(reminders, users):
    by_user = {r.recipient_id: r for r in Reminder.objects.filter(pk__in=[r.pk for r in reminders])}
    return {
        name: (
            by_user[user.pk].channel,
            by_user[user.pk].state,
            by_user[user.pk].notification.in_digest,
        )
        for name, user in users.items()
    }


def test_non_chasers_follow_each_users_email_preference(
    world, audience, mailoutbox, django_capture_on_commit_callbacks
):
    returned_at = at(datetime.date(2026, 3, 2), 9, 0)
    returned(world, at_moment=returned_at)
    now = at(datetime.date(2026, 3, 5), 9, 30)

    with django_capture_on_commit_callbacks(execute=True):
        created = compose_reminders(rule_of(ReminderKind.RETURNED_NOMINATION), now=now).created

    assert outcome(created, audience) == {
        "immediate": (ReminderChannel.EMAIL, ReminderState.SENT, False),
        "digest": (ReminderChannel.DIGEST, ReminderState.SENT, True),
        "off": (ReminderChannel.IN_APP, ReminderState.SENT, False),
        "no_email": (ReminderChannel.IN_APP, ReminderState.SENT, False),
    }
    assert [m.to for m in mailoutbox] == [["ngay@example.org"]]
    # The bell has every one of them, with the reminder's own words.
    assert Notification.objects.filter(recipient__in=audience.values()).count() == 4
    not_emailed = Reminder.objects.exclude(channel=ReminderChannel.EMAIL)
    assert all(r.sent_at == now for r in not_emailed)
    assert all(r.notification.title == r.subject for r in Reminder.objects.all())


def test_deadline_chasers_are_emailed_whatever_the_preference(
    world, audience, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = compose_reminders(
            rule_of(ReminderKind.NOMINATION_DEADLINE), now=at(DEADLINE - days(2))
        ).created

    police = [r for r in created if r.unit == world["police"]]
    assert outcome(police, audience) == {
        "immediate": (ReminderChannel.EMAIL, ReminderState.SENT, False),
        "digest": (ReminderChannel.EMAIL, ReminderState.SENT, False),
        "off": (ReminderChannel.EMAIL, ReminderState.SENT, False),
        "no_email": (ReminderChannel.IN_APP, ReminderState.SENT, False),
    }
    police_mail = sorted(m.to[0] for m in mailoutbox if "Công an tỉnh" in m.subject)
    assert police_mail == ["ngay@example.org", "tat@example.org", "tong_hop@example.org"]
    assert len(mailoutbox) == 5  # and one each to the health and school officers


# --- Wording ------------------------------------------------------------------------------------


def test_the_deadline_reminder_reads_as_written_in_vietnamese(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = world["campaign"]
    url = f"{SITE}{reverse('campaign:campaign_detail', args=[campaign.pk])}"

    with django_capture_on_commit_callbacks(execute=True):
        compose_reminders(rule_of(ReminderKind.NOMINATION_DEADLINE), now=at(DEADLINE - days(7)))

    reminder = Reminder.objects.get(recipient=world["lan"])
    assert reminder.subject == "Còn 7 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Sở Y tế"
    assert reminder.body_text == (
        "Kính gửi Trần Thị Lan,\n\n"
        "Hạn gửi hồ sơ đề nghị khen thưởng trong “Phong trào thi đua “Chung tay phòng, chống "
        "dịch COVID-19”” là ngày 20/03/2026, còn 7 ngày.\n\n"
        "Đến nay Sở Y tế chưa gửi hồ sơ đề nghị nào. Đề nghị đơn vị hoàn thiện và gửi hồ sơ "
        f"trên cổng trước thời hạn.\n\nXem chi tiết trên cổng: {url}"
    )
    for text in (reminder.subject, reminder.body_text, reminder.body_html):
        assert text == unicodedata.normalize("NFC", text)
    assert f'<a href="{url}">Mở trên cổng thông tin</a>' in reminder.body_html
    assert "<strong>Còn 7 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Sở Y tế</strong>" in (
        reminder.body_html
    )

    message = next(m for m in mailoutbox if m.to == ["lan@example.org"])
    assert message.subject == reminder.subject
    assert message.body == reminder.body_text
    assert message.from_email == "thiduakhenthuong@bentre.gov.vn"
    assert [tuple(alt) for alt in message.alternatives] == [(reminder.body_html, "text/html")]
    assert message.extra_headers["Message-ID"] == f"<reminder-{reminder.pk}@bentre.gov.vn>"
    others = {m.extra_headers["Message-ID"] for m in mailoutbox}
    assert others == {f"<reminder-{r.pk}@bentre.gov.vn>" for r in Reminder.objects.all()}
    assert len(others) == 3


def test_names_typed_decomposed_come_out_composed_and_html_escapes_them(world):
    name = "Nguyễn Thị Ánh Tuyết"
    unit = UnitFactory(name="Phòng <Kế hoạch> & Tài chính", parent=world["province"])
    officer(unit, "kh")
    nomination = NominationFactory(
        individual=IndividualFactory(unit=unit, full_name=unicodedata.normalize("NFD", name)),
        campaign=world["campaign"],
        state=NominationState.RETURNED,
        state_changed_at=at(datetime.date(2026, 3, 2), 9, 0),
        award_type__name="Giấy khen của Giám đốc Sở",
    )

    compose_reminders(
        rule_of(ReminderKind.RETURNED_NOMINATION), now=at(datetime.date(2026, 3, 5), 9, 30)
    )

    reminder = Reminder.objects.get(nomination=nomination)
    assert reminder.subject == (
        "Hồ sơ bị trả lại 3 ngày chưa gửi lại: Nguyễn Thị Ánh Tuyết – Giấy khen của Giám đốc Sở"
    )
    assert reminder.body_text.splitlines()[2] == (
        "Hồ sơ đề nghị khen thưởng “Nguyễn Thị Ánh Tuyết – Giấy khen của Giám đốc Sở” của "
        "Phòng <Kế hoạch> & Tài chính đã được trả lại để bổ sung 3 ngày nay nhưng chưa được "
        "gửi lại."
    )
    assert reminder.notification.title == reminder.subject
    assert "Phòng &lt;Kế hoạch&gt; &amp; Tài chính" in reminder.body_html
    assert "<Kế hoạch>" not in reminder.body_html
    assert name in reminder.body_html
    for text in (reminder.subject, reminder.body_text, reminder.body_html):
        assert unicodedata.normalize("NFD", name) not in text


#: A value for every placeholder of every kind, each one recognisable in the output.
KIND_VALUES = {
    "han_chot": "20/03/2026",
    "so_ngay_con_lai": 7,
    "ky_bao_cao": "sơ kết",
    "dot_bao_cao": "Quý I/2021",
    "so_ngay_cho": 4,
    "so_gio_cho": 30,
    "phien_hop": "Xét Chiến sĩ thi đua cấp tỉnh",
    "han_bo_phieu": "17:00 20/03/2026",
    "so_gio_con_lai": 2,
    "so_ho_so_chua_bieu_quyet": 3,
}


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_every_default_wording_renders_with_its_placeholders_filled(world, kind):
    rule = rule_of(kind)
    nomination = NominationFactory(
        individual=IndividualFactory(unit=world["health"], full_name="Lê Văn Tám"),
        campaign=world["campaign"],
        award_type__name="Bằng khen",
    )
    due = Due(
        recipient=world["lan"],
        object_key="x",
        period="y",
        url="/phong-trao/1/",
        campaign=world["campaign"],
        unit=world["health"],
        nomination=nomination,
        context={name: KIND_VALUES[name] for name in kind.placeholders if name in KIND_VALUES},
    )

    subject, text, html = Wording.of(rule).render(due)

    values = {
        "nguoi_nhan": "Trần Thị Lan",
        "don_vi": "Sở Y tế",
        "phong_trao": world["campaign"].title,
        "so_ke_hoach": "2777/KH-UBND",
        "duong_dan": f"{SITE}/phong-trao/1/",
        "ho_so": "Lê Văn Tám – Bằng khen",
        **KIND_VALUES,
    }
    wording = rule.subject + rule.body
    used = [name for name in kind.placeholders if f"{{{{ {name} }}}}" in wording]
    assert rule.wording_is_valid is True
    if kind is not ReminderKind.COUNCIL_VOTE:  # a council member is reminded as a person
        assert "don_vi" in used
    for name in used:
        assert str(values[name]) in subject + text
    for rendered in (subject, text):
        assert "{" not in rendered and "}" not in rendered
    assert text.startswith("Kính gửi Trần Thị Lan,")
    assert text.endswith(f"trên cổng: {SITE}/phong-trao/1/")
    assert "Kính gửi Trần Thị Lan," in html


def test_a_stored_wording_with_model_expressions_and_tags_prints_nothing_of_them(world):
    """A wording written before placeholders (or straight into the database) is not
    evaluated: the password hash, the debug dump and the filter come out as nothing."""
    rule = rule_of(ReminderKind.RETURNED_NOMINATION)
    ReminderRule.objects.filter(pk=rule.pk).update(
        subject="Hồ sơ {{ ho_so }} {{ nomination.created_by.password }}",
        body=(
            "Mật khẩu: {{ nomination.created_by.password }}{% debug %}"
            "{{ don_vi|upper }}{% load vn %}{# ghi chú #} Đơn vị: {{ don_vi }}"
        ),
    )
    creator = officer(world["police"], "tao_ho_so")
    creator.set_password("mat-khau-bi-mat-1")
    creator.save()
    moment = at(datetime.date(2026, 3, 2), 9, 0)
    nomination = NominationFactory(
        individual=IndividualFactory(unit=world["police"], full_name="Võ Thị Sáu"),
        campaign=world["campaign"],
        state=NominationState.RETURNED,
        state_changed_at=moment,
        submitted_at=moment - days(4),
        created_by=creator,
        award_type__name="Danh hiệu thử",
    )

    compose_reminders(rule, now=at(datetime.date(2026, 3, 5), 9, 30))

    reminder = Reminder.objects.filter(nomination=nomination).first()
    assert reminder.subject == "Hồ sơ Võ Thị Sáu – Danh hiệu thử"
    assert reminder.body_text == "Mật khẩu:  Đơn vị: Công an tỉnh"
    for text in (reminder.subject, reminder.body_text, reminder.body_html):
        assert creator.password not in text
        assert "pbkdf2" not in text
        assert "settings" not in text.lower()
